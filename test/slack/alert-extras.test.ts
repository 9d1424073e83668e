import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffBlock, withAlertExtras } from "../../src/adapters/slack/alert-extras.ts";
import { slackMentionResolver } from "../../src/adapters/slack/mentions.ts";
import { alertMessage } from "../../src/adapters/slack/poster.ts";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.ts";
import { wordDiff } from "../../src/core/alerts/answer-diff.ts";
import { infoReply } from "../../src/model/reply.ts";
import { slackRefusal } from "../fakes/slack/block-kit.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";

const hostile = "Ask <!channel> and <@U0HOSTILE> about <!subteam^S0OTHER>";

describe("Slack alert pings", () => {
  it("pings exactly the subscription's group and user, while text from elsewhere stays unable to ping", () => {
    const reply = infoReply("New answer", hostile, "public");
    const message = alertMessage({
      kind: "instant",
      reply,
      mentions: [
        { kind: "group", id: "S0HEALTH", label: "@health-team" },
        { kind: "user", id: "U0ADA", label: "@ada" },
      ],
    });
    const everything = message.text + JSON.stringify(message.blocks);
    const pings = [...everything.matchAll(/<(!subteam\^\w+|@\w+|!channel|!here|!everyone)[^>]*>/g)].map((m) => m[0]);
    expect(new Set(pings)).toEqual(new Set(["<!subteam^S0HEALTH>", "<@U0ADA>"]));
    expect(message.text.startsWith("<!subteam^S0HEALTH> <@U0ADA> ")).toBe(true);
    expect(everything).toContain("&lt;!channel&gt;");
    // With no notify: nothing in the message can ping.
    const plain = alertMessage({ kind: "instant", reply });
    expect(plain.text + JSON.stringify(plain.blocks)).not.toMatch(/<(!|@)/);
  });

  it("drops a mention id of the wrong shape rather than write it into the markup", () => {
    const message = withAlertExtras({ text: "x", blocks: [] }, { reply: infoReply("t", "x"), mentions: [{ kind: "group", id: "U0NOTAGROUP", label: "@x" }] });
    expect(message.text).toBe("x");
  });
});

describe("Slack correction diffs", () => {
  it("strikes out what was taken out and bolds what was put in, with a space where marks would touch", () => {
    const block = diffBlock(wordDiff("We funded 12 schools.", "We funded 14 schools.", "What the correction changed"), 5000);
    expect(block).toMatchObject({ type: "section", text: { text: "*What the correction changed*\nWe funded ~12~ *14* schools." } });
    const touching = diffBlock(wordDiff("It cost £4.", "It cost £4.5.", "x"), 5000);
    expect(touching && "text" in touching ? touching.text.text : "").toBe("*x*\nIt cost £4. *5.*");
  });

  it("cuts a long diff at a word to one section, and the message stays within Slack's limits", () => {
    const before = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(" ");
    const after = before.replace(/word(\d*50) /g, "changed$1 ");
    const reply = { ...infoReply("Correction", "x", "public"), diff: wordDiff(before, after, "What the correction changed") };
    expect(reply.diff.wordLevel).toBe(true);
    const message = alertMessage({ kind: "correction", reply });
    const section = message.blocks.find((b) => b.type === "section" && b.text.text.startsWith("*What the correction changed*"));
    expect(section && "text" in section ? section.text.text.length : 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(section && "text" in section ? section.text.text.endsWith("…") : false).toBe(true);
    expect(slackRefusal({ text: message.text, blocks: message.blocks })).toBeNull();
  });
});

describe("Slack notify: validation", () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await FakeSlack.start();
    slack.usergroups = [
      { id: "S0HEALTH", handle: "health-team", name: "Health team" },
      { id: "S0GONE", handle: "old-team", name: "Old", date_delete: 1700000000 },
    ];
    // Ada is on the second page of members; a deleted Ann is never found.
    slack.members = [
      ...Array.from({ length: 250 }, (_, i) => ({ id: `U0FILL${i}`, name: `filler${i}` })),
      { id: "U0ADA", name: "ada.l", profile: { display_name: "Ada" } },
      { id: "U0ANN", name: "ann", deleted: true },
    ];
    client = new webApi.WebClient("xoxb-test", { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.close());

  it("finds a user group by handle or mention and a person by mention, and refuses the rest in one line", async () => {
    const resolve = slackMentionResolver(client);
    expect(await resolve(["@health-team", "<@U0ADA|ada>"])).toEqual({
      ok: true,
      mentions: [
        { kind: "group", id: "S0HEALTH", label: "@health-team" },
        { kind: "user", id: "U0ADA", label: "@u0ada" },
      ],
    });
    expect(await resolve(["<!subteam^S0HEALTH|@health-team>"])).toMatchObject({ ok: true, mentions: [{ id: "S0HEALTH" }] });
    // As the slash command sends it (should_escape is false): a person by display name.
    expect(await resolve(["@ada"])).toEqual({ ok: true, mentions: [{ kind: "user", id: "U0ADA", label: "@ada.l" }] });
    for (const bad of ["@old-team", "@nobody", "@ann", "@channel", "<!here>"]) {
      const answer = await resolve([bad]);
      expect(answer.ok).toBe(false);
      expect(answer.ok ? "" : answer.message).toMatch(/e\.g\. notify:@health-team/);
    }
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli.ts";
import { overdueJson } from "../../../src/adapters/cli/overdue.ts";
import { subcommand } from "../../../src/adapters/discord/commands/index.ts";
import type { CommandContext } from "../../../src/core/index.ts";
import type { CommandRequest } from "../../../src/model/request.ts";
import { commandCore } from "../../../src/core/open-core.ts";
import { OverdueReportSchema } from "../../../src/core/lateness/report.ts";
import { LocalEngine } from "../../../src/core/search/local-engine.ts";
import { parseQuery } from "../../../src/core/search/query.ts";
import { WorkerEngine } from "../../../src/core/search/worker-engine.ts";
import type { Question } from "../../../src/model/question.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { answered, makeQuestion } from "../../store/fixtures.ts";

/** DHSC (17): three overdue (one holding), one answered late, one not yet due; FCDO (208): one overdue, one withdrawn. */
function questions(): Question[] {
  const dhsc = { answeringBody: { id: 17, name: "Department of Health and Social Care" } };
  const fcdo = { answeringBody: { id: 208, name: "Foreign, Commonwealth and Development Office" } };
  return [
    makeQuestion({ id: "1", dateForAnswer: "2025-07-14", ...dhsc }),
    makeQuestion({ id: "2", dateForAnswer: "2025-07-21", ...dhsc, isHolding: true, dateAnswered: "2025-07-21", answerText: "I will reply shortly." }),
    makeQuestion({ id: "3", dateForAnswer: "2025-07-25", ...dhsc }),
    answered(makeQuestion({ id: "4", dateForAnswer: "2025-07-01", ...dhsc }), "Yes.", "2025-07-20"),
    makeQuestion({ id: "5", dateForAnswer: "2025-08-01", ...dhsc }),
    makeQuestion({ id: "6", dateForAnswer: "2025-07-22", ...fcdo }),
    makeQuestion({ id: "7", dateForAnswer: "2025-07-01", ...fcdo, isWithdrawn: true }),
  ];
}

const NOW = new Date("2025-07-28T08:00:00Z"); // Monday 28 July 2025, London

describe("the overdue report", () => {
  const engine = new LocalEngine(async () => new Map());
  beforeAll(() => engine.upsert(questions()));

  it("prints JSON in the documented shape, departments with most overdue first", async () => {
    const json = JSON.parse(await overdueJson({ index: engine, now: () => NOW }, [])) as unknown;
    expect(json).toEqual({
      asOf: "2025-07-28",
      departments: [
        // Late by 10 (14 July), 5 (21 July) and 1 (25 July) working days.
        { answeringBodyId: 17, answeringBodyName: "Department of Health and Social Care", overdue: 3, medianDaysLate: 5, worstDaysLate: 10, oldest: ["1", "2", "3"] },
        { answeringBodyId: 208, answeringBodyName: "Foreign, Commonwealth and Development Office", overdue: 1, medianDaysLate: 4, worstDaysLate: 4, oldest: ["6"] },
      ],
    });
    expect(OverdueReportSchema.safeParse(json).success).toBe(true);
  });

  it("keeps to the departments asked for, and refuses a bad one in one line with an example", async () => {
    const deps = { index: engine, now: () => NOW };
    const fcdo = JSON.parse(await overdueJson(deps, ["dept:fcdo"])) as { departments: { answeringBodyId: number }[] };
    expect(fcdo.departments.map((d) => d.answeringBodyId)).toEqual([208]);
    await expect(overdueJson(deps, ["dept:nowhere"])).rejects.toThrow(
      'No department matches "nowhere". Try an abbreviation (dept:dhsc), a name fragment (dept:health) or an id (dept:17).',
    );
    await expect(overdueJson(deps, ["health"])).rejects.toThrow(
      '"health" is not a department filter: overdue takes departments as dept: filters, e.g. overdue dept:dhsc or overdue dept:dhsc dept:fcdo',
    );
  });

  it("answers /wq overdue from the command table as one message naming each department's figures", async () => {
    const store = new SqliteStore(":memory:");
    const ctx: CommandContext = { platform: "slack", userId: "U1" };
    const core = (now: Date) => commandCore({ store, index: engine, now: () => now });
    const reply = await core(NOW).run("overdue", ctx);
    expect(reply.title).toBe("4 written questions overdue on 28 July 2025");
    expect(reply.text.split("\n")[0]).toBe("Department of Health and Social Care: 3 overdue, median 5 working days late, worst 10 working days; oldest 1, 2, 3");
    expect(reply.cards).toEqual([]);
    const bad = await core(NOW).run("overdue health", ctx);
    expect(bad.kind).toBe("error");
    expect(bad.text).toBe('"health" is not a department filter: overdue takes departments as dept: filters, e.g. /wq overdue dept:dhsc or /wq overdue dept:dhsc dept:fcdo');
    expect((await core(NOW).run(`overdue ${"dept:dhsc ".repeat(21)}`, ctx)).text).toBe("overdue takes up to 20 departments, e.g. /wq overdue dept:dhsc dept:fcdo");
    const none = await core(new Date("2025-07-01T12:00:00Z")).run("overdue dept:fcdo", ctx);
    expect(none.title).toBe("No written questions overdue on 1 July 2025");
    // Discord's /wq overdue dept:<term> arrives as a request with the term, resolved when it runs.
    const discordOverdue = { request: (o: Parameters<NonNullable<ReturnType<typeof subcommand>>["input"]>[0]) => subcommand("wq", "overdue")!.input(o) as CommandRequest };
    const options = (dept: string | null) => ({ getString: () => dept, getInteger: () => null, getBoolean: () => null });
    const fromDiscord = await core(NOW).execute(discordOverdue.request(options("fcdo")), { platform: "discord", userId: "U1" });
    expect(fromDiscord.title).toBe("1 written question overdue on 28 July 2025");
    expect((await core(NOW).execute(discordOverdue.request(options('dept:"foreign"')), ctx)).title).toBe("1 written question overdue on 28 July 2025");
    expect((await core(NOW).execute(discordOverdue.request(options("nowhere")), ctx)).text).toMatch(/^No department matches "nowhere"/);
    expect((await core(NOW).execute(discordOverdue.request(options(null)), ctx)).title).toBe("4 written questions overdue on 28 July 2025");
    const help = await core(NOW).run("help", ctx);
    expect(help.text).toContain("/wq overdue [dept:...]: questions overdue per department");
    expect(help.text).toContain("status:overdue");
    await store.close();
  });

  it("searches status:overdue and dates cards by the core's clock, not the machine's", async () => {
    const store = new SqliteStore(":memory:");
    await store.upsertQuestions(questions());
    const ctx: CommandContext = { platform: "slack", userId: "U1" };
    const at = (iso: string) => commandCore({ store, index: engine, now: () => new Date(iso) });
    const late = await at("2025-07-28T08:00:00Z").run("search status:overdue", ctx);
    expect(late.cards.map((c) => c.id).sort()).toEqual(["1", "2", "3", "6"]);
    const early = await at("2025-07-20T08:00:00Z").run("search status:overdue", ctx);
    expect(early.cards.map((c) => c.id)).toEqual(["1"]);
    expect(early.cards[0]!.fields.find((f) => f.label === "Deadline")?.value).toBe("Due 14 July 2025, 4 working days late");
    const shown = await at("2025-07-20T08:00:00Z").run("show 5", ctx);
    expect(shown.cards[0]!.fields.find((f) => f.label === "Deadline")?.value).toBe("Due in 12 days (1 August 2025)");
    await store.close();
  });

  it("drops a question from status:overdue and the report once its answer is indexed", async () => {
    const index = new LocalEngine(async () => new Map());
    const pending = makeQuestion({ id: "9", dateForAnswer: "2025-07-14", answeringBody: { id: 17, name: "Department of Health and Social Care" } });
    index.upsert([pending, makeQuestion({ id: "10", dateForAnswer: "2025-07-14" })]);
    const query = parseQuery("status:overdue dept:dhsc");
    const overdueIds = async () => (await index.search({ ...query, filters: { ...query.filters, asOf: "2025-07-28" } }, 0, 10)).hits.map((h) => h.id);
    expect(await overdueIds()).toEqual(["9"]);
    index.upsert([answered(pending, "Answered at last.", "2025-07-25")]);
    expect(await overdueIds()).toEqual([]);
    expect((await index.overdue("2025-07-28", [17])).departments).toEqual([]);
  });

  it("is computed in the search worker the same as in this thread", async () => {
    const worker = new WorkerEngine({ textsFile: null, texts: async () => new Map() });
    try {
      await worker.upsert(questions());
      expect(await worker.overdue("2025-07-28", null)).toEqual(await engine.overdue("2025-07-28", null));
      expect((await worker.overdue("2025-07-28", [208])).departments.map((d) => d.overdue)).toEqual([1]);
    } finally {
      await worker.close();
    }
  });

  it("runs as wq overdue --json over a database", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "wq-overdue-")), "wq.db");
    const store = new SqliteStore(db);
    await store.upsertQuestions(questions());
    await store.close();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["overdue", "--json"], { out: (t) => out.push(t), err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    // The real clock: every date here is long past, so all four DHSC questions still owed an answer are overdue whenever the test runs.
    const report = OverdueReportSchema.parse(JSON.parse(out.join("")));
    expect(report.departments.map((d) => [d.answeringBodyId, d.overdue])).toEqual([[17, 4], [208, 1]]);
    const text: string[] = [];
    expect(await runCli(["overdue", "dept:dhsc"], { out: (t) => text.push(t), err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false })).toBe(0);
    expect(text.join("\n")).toMatch(/^4 written questions overdue on \d{1,2} \w+ \d{4}\n/);
    expect(text.join("\n")).toContain("Department of Health and Social Care: 4 overdue");
    expect(await runCli(["overdue", "dept:nowhere"], { out: () => undefined, err: (t) => err.push(t), env: { WQ_DB: db }, isTTY: false })).toBe(2);
    expect(err.at(-1)).toMatch(/^No department matches "nowhere"/);
  });
});

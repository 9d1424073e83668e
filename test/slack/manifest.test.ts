/** The app manifest asks Slack for exactly what the code uses. */
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { z } from "zod";
import { BOT_EVENTS, BOT_SCOPES, COMMAND } from "../../src/adapters/slack/scopes.ts";

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), url: z.string() })),
    unfurl_domains: z.array(z.string()),
    app_home: z.object({ home_tab_enabled: z.boolean() }),
  }),
  oauth_config: z.object({ redirect_urls: z.array(z.string()), scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ request_url: z.string(), bot_events: z.array(z.string()) }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
  }),
});

const manifest = Manifest.parse(JSON.parse(readFileSync(new URL("../../slack-manifest.json", import.meta.url), "utf8")));

test("scopes, events and the command match the code", () => {
  expect(manifest.oauth_config.scopes.bot).toEqual([...BOT_SCOPES]);
  expect(manifest.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS]);
  expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([COMMAND]);
  expect(manifest.features.app_home.home_tab_enabled).toBe(true);
});

test("links from the official site unfurl; every request goes to /slack/events", () => {
  expect(manifest.features.unfurl_domains).toEqual(["questions-statements.parliament.uk"]);
  const urls = [manifest.features.slash_commands[0]?.url, manifest.settings.event_subscriptions.request_url, manifest.settings.interactivity.request_url];
  for (const url of urls) expect(url).toMatch(/\/slack\/events$/);
  expect(manifest.oauth_config.redirect_urls[0]).toMatch(/\/slack\/oauth_redirect$/);
});

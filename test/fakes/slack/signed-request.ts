/**
 * Requests as Slack sends them to /slack/events: form-encoded slash commands, `payload=` button
 * clicks and JSON events, signed `v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}")`.
 */
import { createHmac } from "node:crypto";

export function signature(secret: string, timestamp: number, body: string): string {
  return "v0=" + createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
}

export interface SendOptions {
  contentType: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  /** Replace the computed signature (to test rejection). */
  signature?: string;
}

export interface Sent {
  status: number;
  text: string;
  /** Milliseconds from sending to the response (the ack). */
  ms: number;
}

export async function sendSigned(url: string, secret: string, body: string, options: SendOptions): Promise<Sent> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": options.contentType,
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": options.signature ?? signature(secret, timestamp, body),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

export const FORM = "application/x-www-form-urlencoded";
export const JSON_TYPE = "application/json";

export interface Who {
  userId?: string;
  teamId?: string;
  channelId?: string;
  /** An Enterprise Grid org; with `orgWide`, wq was installed for the whole org. */
  enterpriseId?: string;
  orgWide?: boolean;
}

export function slashCommandBody(text: string, responseUrl: string, who: Who = {}): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: who.teamId ?? "T0001",
    team_domain: "test",
    channel_id: who.channelId ?? "C0001",
    channel_name: "general",
    user_id: who.userId ?? "U0001",
    user_name: "alice",
    command: "/wq",
    text,
    api_app_id: "A0001",
    response_url: responseUrl,
    trigger_id: "1.2.3",
    ...(who.enterpriseId ? { enterprise_id: who.enterpriseId, enterprise_name: "Org", is_enterprise_install: String(who.orgWide ?? false) } : {}),
  }).toString();
}

export interface ButtonClick {
  actionId: string;
  value: string;
  responseUrl: string;
  who?: Who;
  /** Leave out the channel (a click in the App Home). */
  noChannel?: boolean;
}

export function buttonBody(click: ButtonClick): string {
  const who = click.who ?? {};
  const payload = {
    type: "block_actions",
    team: { id: who.teamId ?? "T0001", domain: "test" },
    user: { id: who.userId ?? "U0001", username: "alice", name: "alice", team_id: who.teamId ?? "T0001" },
    api_app_id: "A0001",
    token: "legacy-verification-token",
    container: { type: "message", message_ts: "1700000000.000001", channel_id: who.channelId ?? "C0001", is_ephemeral: true },
    trigger_id: "1.2.3",
    ...(click.noChannel ? {} : { channel: { id: who.channelId ?? "C0001", name: "general" } }),
    response_url: click.responseUrl,
    ...(who.enterpriseId ? { enterprise: { id: who.enterpriseId, name: "Org" }, is_enterprise_install: who.orgWide ?? false } : {}),
    actions: [
      {
        type: "button",
        action_id: click.actionId,
        block_id: "b1",
        text: { type: "plain_text", text: "button" },
        value: click.value,
        action_ts: "1700000000.000002",
      },
    ],
  };
  return "payload=" + encodeURIComponent(JSON.stringify(payload));
}

export function eventBody(event: Record<string, unknown>, teamId = "T0001"): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: teamId,
    api_app_id: "A0001",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
    event,
  });
}

/**
 * A reply's picture (a trend chart) posted into the channel through Slack's file upload flow:
 * files.getUploadURLExternal, the bytes to the URL it gives, files.completeUploadExternal sharing
 * the file into the channel (or a thread) with the reply's text as its comment, so the numbers
 * read where images are off. This is what the Web API client's files.uploadV2 does. Needs the
 * files:write scope and wq in the channel; when either is missing the caller posts the text with
 * the reason instead.
 */
import { readFile } from "node:fs/promises";
import type { webApi } from "@slack/bolt";
import type { Reply, ReplyImage } from "../../model/reply.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { fitMarked } from "../shared/text.ts";
import { escapeMrkdwn, MRKDWN } from "./render.ts";

/** The part of the Web API client the upload needs (a test or the bench may hand in its own). */
export type FilesUploadClient = { files: Pick<webApi.WebClient["files"], "uploadV2"> };

export type UploadOutcome = { ok: true } | { ok: false; reason: string };

/** Why an upload failed, as a line for the person who asked (Slack's error codes). */
export function uploadFailureReason(error: unknown): string {
  const code = typeof error === "object" && error !== null && "data" in error ? (error as { data?: { error?: unknown } }).data?.error : undefined;
  if (code === "not_in_channel" || code === "channel_not_found")
    return "The chart was not posted: wq is not in this channel. Invite it (/invite @wq) to see charts here.";
  if (code === "missing_scope") return "The chart was not posted: wq lacks the files:write permission. Ask a workspace admin to reinstall wq.";
  return "The chart could not be uploaded to Slack this time; the numbers above are complete.";
}

/** The comment the chart is shared with: the reply's title in bold and its text, fitted to Slack's limit. */
export function imageComment(title: string, text: string): string {
  const head = title ? `*${escapeMrkdwn(title)}*\n` : "";
  return head + fitMarked(text, [], SLACK_LIMITS.fallbackText - head.length, MRKDWN).text;
}

async function bytesOf(image: ReplyImage): Promise<Buffer> {
  return "base64" in image.png ? Buffer.from(image.png.base64, "base64") : readFile(image.png.path);
}

/** Uploads the images into `channel` (in `threadTs`'s thread when given) as one message with `comment`. */
export async function uploadReplyImages(
  client: FilesUploadClient,
  images: readonly ReplyImage[],
  target: { channel: string; threadTs?: string; comment: string },
): Promise<UploadOutcome> {
  try {
    const file_uploads = await Promise.all(
      images.map(async (image) => ({ file: await bytesOf(image), filename: image.name, title: image.name, alt_text: image.alt.slice(0, SLACK_LIMITS.imageAltText) })),
    );
    await client.files.uploadV2({
      channel_id: target.channel,
      ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
      initial_comment: target.comment,
      file_uploads,
    });
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: uploadFailureReason(e) };
  }
}

/**
 * A reply with pictures, answered in Slack: a public one is posted as the upload (the picture with
 * the reply's text as its comment), and null is returned; when the upload fails, or the reply is
 * private (an ephemeral message cannot carry an uploaded file), the reply to send as usual, the
 * reason the picture is missing added to its text.
 */
export async function answerWithImages(client: FilesUploadClient, reply: Reply, channel: string): Promise<Reply | null> {
  const images = reply.images ?? [];
  if (images.length === 0 || reply.visibility !== "public") return reply;
  const posted = await uploadReplyImages(client, images, { channel, comment: imageComment(reply.title, reply.text) });
  return posted.ok ? null : { ...reply, text: `${reply.text}\n\n${posted.reason}` };
}

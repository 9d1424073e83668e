/**
 * A reply's picture (a trend chart) as Discord shows one: the PNG attached to the message and
 * drawn inside its first embed through `attachment://<name>`, with the alt text as the
 * attachment's description. The embed's text stays, so the numbers read without the image.
 */
import type { APIEmbed } from "discord.js";
import type { ReplyImage } from "../../model/reply.ts";
import { LIMITS } from "./limits.ts";
import type { DiscordMessage } from "./render.ts";

export interface AttachedFile {
  attachment: Buffer | string;
  name: string;
  description: string;
}

/** A file name Discord keeps as given (it renames others, and `attachment://` must match). */
function safeName(name: string, i: number): string {
  const base = name.replace(/[^\w.-]+/g, "_").replace(/^\.+/, "");
  return /\.png$/i.test(base) ? base : `image-${i + 1}.png`;
}

/** The message with the reply's images attached, the first shown in the first embed. */
export function withImageAttachments<M extends DiscordMessage>(message: M, images: readonly ReplyImage[] | undefined): M & { files?: AttachedFile[] } {
  if (!images?.length) return message;
  const files = images.map((image, i) => ({
    attachment: "base64" in image.png ? Buffer.from(image.png.base64, "base64") : image.png.path,
    name: safeName(image.name, i),
    description: image.alt.slice(0, LIMITS.attachmentDescription),
  }));
  const [first, ...rest] = message.embeds;
  const embeds: APIEmbed[] = first ? [{ ...first, image: { url: `attachment://${files[0]!.name}` } }, ...rest] : message.embeds;
  return { ...message, embeds, files };
}

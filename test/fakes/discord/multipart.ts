/**
 * Request bodies as Discord reads them: JSON, or multipart/form-data when a message carries files
 * (discord.js sends `payload_json` beside `files[n]` parts, as Discord's docs describe).
 */
export interface UploadedFile {
  /** The form field: "files[0]", ... */
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

export interface ParsedBody {
  /** The JSON body, or a multipart body's payload_json; null when there was none. */
  body: unknown;
  files: UploadedFile[];
}

export async function parseDiscordBody(contentType: string | undefined, raw: Buffer): Promise<ParsedBody> {
  if (!contentType?.startsWith("multipart/form-data")) {
    const text = raw.toString("utf8");
    return { body: text ? (JSON.parse(text) as unknown) : null, files: [] };
  }
  // The platform's own multipart parser (undici's Response.formData), not one written here.
  const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
  const payload = form.get("payload_json");
  const files: UploadedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value === "string") continue;
    files.push({ field, name: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return { body: typeof payload === "string" ? (JSON.parse(payload) as unknown) : null, files };
}

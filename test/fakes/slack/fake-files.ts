/**
 * Slack's file upload flow as the fake speaks it (what the Web API client's files.uploadV2 does):
 * files.getUploadURLExternal hands out an upload URL and a file id; the bytes are POSTed there
 * (multipart, field "file" or "body"); files.completeUploadExternal shares the file into a channel
 * or thread, with an initial comment, as a new message.
 */
export interface FakeFile {
  id: string;
  filename: string;
  /** The length promised to files.getUploadURLExternal. */
  length: number;
  altText: string | null;
  /** What was POSTed to the upload URL; null until then. */
  bytes: Buffer | null;
  contentType: string | null;
}

/** A completed upload shared into a channel: what a member sees as one message with the file. */
export interface SharedFile {
  file: FakeFile;
  title: string | null;
  channel: string;
  threadTs: string | null;
  initialComment: string | null;
  token: string | null;
}

export class FakeSlackFiles {
  readonly files = new Map<string, FakeFile>();
  readonly shared: SharedFile[] = [];
  private next = 1;

  constructor(private readonly baseUrl: string) {}

  reset(): void {
    this.files.clear();
    this.shared.length = 0;
  }

  /** files.getUploadURLExternal: filename and length are required, as on Slack. */
  getUploadURL(args: Record<string, unknown>): Record<string, unknown> {
    const length = Number(args.length);
    if (typeof args.filename !== "string" || !args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
    const id = `F${String(this.next++).padStart(8, "0")}`;
    this.files.set(id, { id, filename: args.filename, length, altText: typeof args.alt_text === "string" ? args.alt_text : null, bytes: null, contentType: null });
    return { ok: true, upload_url: `${this.baseUrl}upload/${id}`, file_id: id };
  }

  /** POST /upload/<id>: the bytes, multipart or raw; Slack answers 200 "OK - <length>". */
  async receive(id: string, contentType: string, raw: Buffer): Promise<{ status: number; text: string }> {
    const file = this.files.get(id);
    if (!file) return { status: 404, text: "file not found" };
    let bytes = raw;
    let type = contentType;
    if (contentType.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
      const part = [...form.values()].find((v) => typeof v !== "string");
      if (!part || typeof part === "string") return { status: 400, text: "no file in the form" };
      bytes = Buffer.from(await part.arrayBuffer());
      type = part.type;
    }
    if (bytes.length !== file.length) return { status: 400, text: `length ${bytes.length} is not the ${file.length} promised` };
    file.bytes = bytes;
    file.contentType = type;
    return { status: 200, text: `OK - ${bytes.length}` };
  }

  /** files.completeUploadExternal: every file must have been uploaded; with channel_id, it is shared there. */
  complete(args: Record<string, unknown>, token: string | null): Record<string, unknown> {
    const list = Array.isArray(args.files) ? (args.files as Array<{ id?: unknown; title?: unknown }>) : [];
    if (list.length === 0) return { ok: false, error: "invalid_arguments" };
    const files: FakeFile[] = [];
    for (const entry of list) {
      const file = typeof entry.id === "string" ? this.files.get(entry.id) : undefined;
      if (!file?.bytes) return { ok: false, error: "file_not_found" };
      files.push(file);
    }
    const channel = typeof args.channel_id === "string" ? args.channel_id : null;
    if (channel)
      list.forEach((entry, i) =>
        this.shared.push({
          file: files[i]!,
          title: typeof entry.title === "string" ? entry.title : null,
          channel,
          threadTs: typeof args.thread_ts === "string" ? args.thread_ts : null,
          initialComment: typeof args.initial_comment === "string" ? args.initial_comment : null,
          token,
        }),
      );
    return { ok: true, files: files.map((f) => ({ id: f.id, name: f.filename, title: f.filename })) };
  }
}

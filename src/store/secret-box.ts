/**
 * Secrets at rest (Slack bot tokens of OAuth installations): AES-256-GCM with a key derived from
 * WQ_SECRET_KEY. Each value gets a fresh 96-bit nonce; the name it is stored under is bound in as
 * additional data, so a sealed value copied under another name does not open. Anyone with the
 * database file alone learns nothing of the tokens.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "wq-aes256gcm-v1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** How long WQ_SECRET_KEY must be at least: 32 characters of `openssl rand -base64 32` carry 192 bits. */
export const SECRET_KEY_MIN_LENGTH = 32;

export class SecretBoxError extends Error {}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The box for a secret such as WQ_SECRET_KEY; the AES key is derived with HKDF-SHA256. */
  static fromSecret(secret: string): SecretBox {
    if (secret.length < SECRET_KEY_MIN_LENGTH) throw new SecretBoxError(`the secret key must be at least ${SECRET_KEY_MIN_LENGTH} characters`);
    const key = Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("wq"), Buffer.from("wq secrets at rest v1"), 32));
    return new SecretBox(key);
  }

  /** Whether a stored value was sealed by a box (rather than written in plain text by an older wq). */
  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }

  seal(plain: string, name: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(name, "utf8"));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
  }

  /** The plain text; SecretBoxError when the value is not sealed, altered, or sealed with another key or name. */
  open(sealed: string, name: string): string {
    if (!SecretBox.isSealed(sealed)) throw new SecretBoxError("the value is not sealed");
    const raw = Buffer.from(sealed.slice(PREFIX.length), "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("the sealed value is too short");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(name, "utf8"));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretBoxError("the sealed value does not open with this key (WQ_SECRET_KEY changed, or the value was altered)");
    }
  }
}

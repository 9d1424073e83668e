/**
 * What the command line prints of Parliament's text cannot drive the terminal: a heading holding
 * `ESC]52;…` would otherwise write the reader's clipboard, `ESC[2J` clear the screen.
 */

// C0 controls but tab and newline, DEL, and C1 controls (U+009B is a one-character CSI).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// U+2028/2029 and bidi overrides reorder or break lines in a terminal: shown as nothing.
const LAYOUT = /[\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: control characters removed, tab and newline kept. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, "").replace(LAYOUT, "");
}

/**
 * JSON for a terminal or a pipe: JSON.stringify escapes C0 controls but leaves DEL and C1
 * controls raw, so they are escaped too. The result parses to the same value.
 */
export function terminalJson(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value).replace(/[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

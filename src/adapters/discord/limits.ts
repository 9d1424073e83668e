/**
 * Every Discord limit wq must respect, in one place, and a checker the tests run on every rendered
 * message. Discord rejects a whole message (400) when one limit is exceeded, and discord.js does
 * not check the 6,000-character total, so we check it here. Cutting text to fit is shared
 * (../shared/text.ts).
 */
import { embedLength, type APIEmbed } from "discord.js";

export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all a message's embeds. */
  embedsTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Discord caps a string option at 6,000; wq's own caps keep queries and refs sane. */
  queryOption: 300,
  refOption: 500,
} as const;

export interface Violation {
  where: string;
  length: number;
  limit: number;
}

/** The message shape wq sends (a subset of discord.js options, as plain API JSON). */
export interface CheckedMessage {
  content?: string;
  embeds?: readonly APIEmbed[];
  components?: ReadonlyArray<{ components: ReadonlyArray<{ custom_id?: string; label?: string }> }>;
}

/** Every limit the message breaks; empty when Discord will accept it. */
export function violations(message: CheckedMessage): Violation[] {
  const out: Violation[] = [];
  const check = (where: string, length: number, limit: number): void => {
    if (length > limit) out.push({ where, length, limit });
  };
  check("content", message.content?.length ?? 0, LIMITS.content);
  const embeds = message.embeds ?? [];
  check("embeds", embeds.length, LIMITS.embedsPerMessage);
  embeds.forEach((e, i) => {
    check(`embed ${i} title`, e.title?.length ?? 0, LIMITS.embedTitle);
    check(`embed ${i} description`, e.description?.length ?? 0, LIMITS.embedDescription);
    check(`embed ${i} footer`, e.footer?.text.length ?? 0, LIMITS.footer);
    check(`embed ${i} fields`, e.fields?.length ?? 0, LIMITS.embedFields);
    for (const [j, f] of (e.fields ?? []).entries()) {
      check(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      check(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
      // Discord also rejects empty field names and values.
      if (!f.name || !f.value) out.push({ where: `embed ${i} field ${j} empty`, length: 0, limit: 1 });
    }
  });
  check("embeds total", embeds.reduce((sum, e) => sum + embedLength(e), 0), LIMITS.embedsTotal);
  const rows = message.components ?? [];
  check("action rows", rows.length, LIMITS.actionRows);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    check(`row ${i} buttons`, row.components.length, LIMITS.buttonsPerRow);
    for (const b of row.components) {
      check(`button label`, b.label?.length ?? 0, LIMITS.buttonLabel);
      check(`custom_id`, b.custom_id?.length ?? 0, LIMITS.customId);
      // Discord rejects a message whose components repeat a custom_id.
      if (b.custom_id !== undefined && ids.has(b.custom_id)) out.push({ where: `custom_id repeated`, length: 2, limit: 1 });
      if (b.custom_id !== undefined) ids.add(b.custom_id);
    }
  });
  return out;
}

/**
 * Every limit of limits.ts a message breaks; empty when Discord will accept it. The tests run it on
 * every message the renderer, the adapter and the poster produce (the fake Discord checks the
 * documented numbers independently).
 */
import { embedLength, type APIEmbed } from "discord.js";
import { LIMITS } from "../../src/adapters/discord/limits.ts";

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

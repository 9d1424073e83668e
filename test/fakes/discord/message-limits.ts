/**
 * Discord's message limits as Discord documents them, written out here and NOT imported from src,
 * and the 50035 Invalid Form Body error Discord answers a message that breaks them with. The fake
 * Discord refuses such a message, so a test that sends one fails.
 */
import { z } from "zod";

export const DISCORD_DOCUMENTED = {
  // https://discord.com/developers/docs/resources/message#create-message-jsonform-params:
  // content "up to 2000 characters", embeds "Up to 10".
  content: 2000,
  embeds: 10,
  // https://discord.com/developers/docs/resources/message#embed-object-embed-limits
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedsTotal: 6000,
  // https://discord.com/developers/docs/components/reference#action-row: "Up to 5 action rows",
  // each with up to 5 buttons; https://discord.com/developers/docs/components/reference#button:
  // custom_id max 100 characters, label max 80.
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

/** Discord's nested error tree: `{field: {index: {field: {_errors: [...]}}}}`. */
export interface FormErrors {
  [key: string]: FormErrors | Array<{ code: string; message: string }>;
}

export interface InvalidFormBody {
  code: 50035;
  message: "Invalid Form Body";
  errors: FormErrors;
}

const Embed = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    fields: z.array(z.object({ name: z.string(), value: z.string() }).loose()).optional(),
    footer: z.object({ text: z.string() }).loose().optional(),
    author: z.object({ name: z.string() }).loose().optional(),
  })
  .loose();
const Message = z
  .object({
    content: z.string().nullish(),
    embeds: z.array(Embed).nullish(),
    components: z.array(z.object({ components: z.array(z.object({ custom_id: z.string().optional(), label: z.string().optional() }).loose()).optional() }).loose()).nullish(),
  })
  .loose();

const maxLength = (max: number) => [{ code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` }];
const badLength = (max: number) => [{ code: "BASE_TYPE_BAD_LENGTH", message: `Must be between 1 and ${max} in length.` }];

/** The error Discord answers this message body with, or null when Discord takes it. */
export function discordRefusal(body: unknown): InvalidFormBody | null {
  const parsed = Message.safeParse(body ?? {});
  if (!parsed.success) return { code: 50035, message: "Invalid Form Body", errors: { _errors: [{ code: "MODEL_TYPE_CONVERT", message: "Invalid form body" }] } };
  const L = DISCORD_DOCUMENTED;
  const { content, embeds, components } = parsed.data;
  const errors: FormErrors = {};
  if (content && content.length > L.content) errors.content = { _errors: maxLength(L.content) };
  if (embeds) {
    if (embeds.length > L.embeds) errors.embeds = { _errors: maxLength(L.embeds) };
    const perEmbed: FormErrors = {};
    let total = 0;
    for (const [i, e] of embeds.entries()) {
      const own: FormErrors = {};
      if ((e.title?.length ?? 0) > L.embedTitle) own.title = { _errors: maxLength(L.embedTitle) };
      if ((e.description?.length ?? 0) > L.embedDescription) own.description = { _errors: maxLength(L.embedDescription) };
      if ((e.footer?.text.length ?? 0) > L.footerText) own.footer = { text: { _errors: maxLength(L.footerText) } };
      if ((e.author?.name.length ?? 0) > L.authorName) own.author = { name: { _errors: maxLength(L.authorName) } };
      const fields = e.fields ?? [];
      if (fields.length > L.embedFields) own.fields = { _errors: maxLength(L.embedFields) };
      const fieldErrors: FormErrors = {};
      for (const [j, f] of fields.entries()) {
        if (f.name.length > L.fieldName || f.name.length === 0) fieldErrors[String(j)] = { name: { _errors: badLength(L.fieldName) } };
        if (f.value.length > L.fieldValue || f.value.length === 0) fieldErrors[String(j)] = { value: { _errors: badLength(L.fieldValue) } };
      }
      if (Object.keys(fieldErrors).length > 0 && own.fields === undefined) own.fields = fieldErrors;
      if (Object.keys(own).length > 0) perEmbed[String(i)] = own;
      total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
      total += fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    }
    if (Object.keys(perEmbed).length > 0 && errors.embeds === undefined) errors.embeds = perEmbed;
    else if (total > L.embedsTotal && errors.embeds === undefined) {
      errors.embeds = { _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED", message: `Embed size exceeds maximum size of ${L.embedsTotal}` }] };
    }
  }
  if (components) {
    if (components.length > L.actionRows) errors.components = { _errors: maxLength(L.actionRows) };
    else {
      const rows: FormErrors = {};
      for (const [i, row] of components.entries()) {
        const buttons = row.components ?? [];
        if (buttons.length === 0 || buttons.length > L.rowButtons) rows[String(i)] = { components: { _errors: badLength(L.rowButtons) } };
        for (const [j, b] of buttons.entries()) {
          const own: FormErrors = {};
          if ((b.custom_id?.length ?? 0) > L.customId) own.custom_id = { _errors: maxLength(L.customId) };
          if ((b.label?.length ?? 0) > L.buttonLabel) own.label = { _errors: maxLength(L.buttonLabel) };
          if (Object.keys(own).length > 0) rows[String(i)] = { components: { [String(j)]: own } };
        }
      }
      if (Object.keys(rows).length > 0) errors.components = rows;
    }
  }
  return Object.keys(errors).length > 0 ? { code: 50035, message: "Invalid Form Body", errors } : null;
}

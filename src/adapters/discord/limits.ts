/**
 * Every Discord limit wq must respect. Discord rejects a whole message (400) when one is exceeded
 * and discord.js does not check the 6,000 total, so the renderer keeps to these itself;
 * test/discord/violations.ts checks every rendered message against them.
 */

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
  /** An attachment's description (its alt text). */
  attachmentDescription: 1024,
} as const;

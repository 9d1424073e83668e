/**
 * Autocomplete for the query options: while the last word typed is a `dept:` filter, offer the
 * whole query with each matching department filled in. Discord shows a choice's name and submits
 * its value, and both are capped at 100 characters, so longer queries get no suggestions.
 */
import type { ApplicationCommandOptionChoiceData } from "discord.js";
import { departmentSuggestions } from "../../model/departments.ts";
import { plain } from "./render.ts";
import { LIMITS } from "./limits.ts";

// The last word, when it is dept: with an optional opening quote and what has been typed so far.
const DEPT_AT_END = /(^|\s)dept:"?([^"\s]*(?:\s[^"\s]*)*)$/i;

export function departmentChoices(typed: string): ApplicationCommandOptionChoiceData<string>[] {
  const m = DEPT_AT_END.exec(typed);
  if (!m) return [];
  const before = typed.slice(0, m.index + (m[1]?.length ?? 0));
  const partial = m[2] ?? "";
  // An unquoted dept: ends at the first space, so "dept:home office" is "dept:home" + "office".
  if (!typed.slice(before.length).startsWith('dept:"') && /\s/.test(partial)) return [];
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  for (const body of departmentSuggestions(partial, LIMITS.autocompleteChoices)) {
    const value = `${before}dept:${/\s/.test(body.name) ? `"${body.name}"` : body.name}`;
    if (value.length > LIMITS.choiceValue) continue;
    choices.push({ name: plain(value).slice(0, LIMITS.choiceName), value });
  }
  return choices;
}

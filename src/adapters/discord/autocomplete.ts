/**
 * Autocomplete for the query options: the model completes a `dept:` filter being typed; Discord
 * shows a choice's name and submits its value, both capped at 100 characters.
 */
import type { ApplicationCommandOptionChoiceData } from "discord.js";
import { completeDepartment } from "../../model/departments.ts";
import { plain } from "./render.ts";
import { LIMITS } from "./limits.ts";

export function departmentChoices(typed: string): ApplicationCommandOptionChoiceData<string>[] {
  return completeDepartment(typed, LIMITS.autocompleteChoices, LIMITS.choiceValue).map((value) => ({ name: plain(value).slice(0, LIMITS.choiceName), value }));
}

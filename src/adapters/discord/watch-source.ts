/**
 * The message a Discord button was pressed on, as a watch needs it: its id (a thread is started
 * from it) and whether everyone sees it. An ephemeral reply has no thread anyone else could read:
 * a watch from it writes to the person directly.
 */
import { MessageFlags } from "discord.js";

export interface ButtonMessage {
  id: string;
  flags: { has(bit: MessageFlags): boolean };
}

export function sourceMessageOf(interaction: { message?: ButtonMessage | null }): { id: string; public: boolean } | undefined {
  const message = interaction.message;
  if (!message) return undefined;
  return { id: message.id, public: !message.flags.has(MessageFlags.Ephemeral) };
}

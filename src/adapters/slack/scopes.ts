/**
 * The bot scopes wq asks for; slack-manifest.json lists the same (a test keeps them in step).
 * commands: /wq. chat:write: share, answers and channel alerts. chat:write.public: share into
 * public channels wq has not joined. links:read + links:write: unfurl official question links.
 * channels:history + groups:history: read a channel's recent messages (public, private) to find an
 * alert already posted before posting it again after a crash. users:read: users.info, to check
 * that whoever subscribes a channel is a workspace admin or owner. im:write + im:history: write a
 * watch's changes to the watcher privately (conversations.open) and find one already written
 * there after a crash. usergroups:read: check a subscription's `notify:@group` (usergroups.list).
 * files:write: upload a trend's chart (files.getUploadURLExternal and files.completeUploadExternal).
 */
export const BOT_SCOPES = [
  "commands",
  "chat:write",
  "chat:write.public",
  "links:read",
  "links:write",
  "channels:history",
  "groups:history",
  "users:read",
  "im:write",
  "im:history",
  "usergroups:read",
  "files:write",
] as const;

/** The events wq subscribes to (manifest `bot_events`). */
export const BOT_EVENTS = ["app_home_opened", "link_shared", "app_uninstalled", "tokens_revoked"] as const;

/** The one slash command. */
export const COMMAND = "/wq";

/**
 * Every Slack limit wq relies on, in one place. Documented limits come from the Block Kit and Web
 * API references; `messageBlockText` is undocumented (chat.postMessage fails with
 * msg_blocks_too_long at about 12,000 characters of block text), so we keep a margin under it.
 */
export const SLACK_LIMITS = {
  messageBlocks: 50, // blocks in one message (chat.postMessage, response_url, unfurl)
  homeBlocks: 100, // blocks in a Home tab view
  sectionText: 3000, // text of a section block
  sectionFields: 10, // fields of a section block, and the text of each
  fieldText: 2000,
  headerText: 150, // header block text (plain_text)
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75, // button label (plain_text), value and action_id
  buttonValue: 2000,
  actionId: 255,
  /** All block text of one message together: ours, under the ~12,000 where Slack refuses it. */
  messageBlockText: 11000,
  /** The plain `text` fallback (notifications, screen readers); Slack advises under 4,000. */
  fallbackText: 3000,
  /** An uploaded image's alt text (as an image block's alt_text: 2,000). */
  imageAltText: 2000,
  /** A response_url accepts 5 posts within 30 minutes. */
  responseUrlPosts: 5,
  /** Links unfurled from one message: our cap, so one message of many links cannot flood a channel. */
  unfurlsPerMessage: 5,
  ackMillis: 3000, // Slack waits this long for an ack before showing the user an error
  /** chat.postMessage allows about one message a second per channel: alerts keep a little more apart. */
  channelPostIntervalMs: 1100,
} as const;

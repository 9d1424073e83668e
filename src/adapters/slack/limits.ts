/**
 * Every Slack limit wq relies on, in one place. Documented limits come from the Block Kit and Web
 * API references; `messageBlockText` is undocumented (chat.postMessage fails with
 * msg_blocks_too_long at about 12,000 characters of block text), so we keep a margin under it.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message (chat.postMessage, response_url, unfurl). */
  messageBlocks: 50,
  /** Blocks in a Home tab view. */
  homeBlocks: 100,
  /** Text of a section block. */
  sectionText: 3000,
  /** Fields of a section block, and the text of each. */
  sectionFields: 10,
  fieldText: 2000,
  /** Header block text (plain_text). */
  headerText: 150,
  /** Elements of a context block. */
  contextElements: 10,
  /** Elements of an actions block. */
  actionsElements: 25,
  /** Button label (plain_text), value and action_id. */
  buttonText: 75,
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
  /** Slack waits this long for an ack before showing the user an error. */
  ackMillis: 3000,
  /** chat.postMessage allows about one message a second per channel: alerts keep a little more apart. */
  channelPostIntervalMs: 1100,
} as const;

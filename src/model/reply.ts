/**
 * The platform-neutral answer to a command. Adapters turn it into a terminal page, Block Kit or
 * Discord embeds; nothing here is markup of any platform. All text is plain text: adapters escape
 * it for their platform. What a reply offers (which buttons, on which card) is decided by the core:
 * adapters map every action they are given and leave none out by its kind.
 */
import { z } from "zod";
import { HouseSchema, MemberSchema, type Question } from "./question.ts";
import { CommandRequestSchema } from "./request.ts";

export const FieldSchema = z.object({ label: z.string(), value: z.string() });
export type Field = z.infer<typeof FieldSchema>;

/**
 * What clicking an action does with its answer: "replace" puts it in the place of the message the
 * button was on (paging, a preview's confirm); "private" sends a new message only the clicker sees
 * (a full answer: it may be long); "public" posts it in the channel for everyone, naming who
 * shared it (share).
 */
export const ActionEffectSchema = z.enum(["replace", "private", "public"]);
export type ActionEffect = z.infer<typeof ActionEffectSchema>;

/** How much an action stands out: "primary" is the one step forward, "danger" cannot be undone. */
export const ActionStyleSchema = z.enum(["primary", "default", "danger"]);
export type ActionStyle = z.infer<typeof ActionStyleSchema>;

/** Names the core gives its actions today; a stored action may carry any lowercase word. */
export type ActionKind = "previous" | "next" | "full" | "share" | "confirm";

export const ActionSchema = z.object({
  /** A short stable name ("next", "full", "share"): for logs, ids and the console's shortcuts. */
  kind: z.string().regex(/^[a-z][a-z-]{0,30}$/),
  label: z.string().min(1),
  style: ActionStyleSchema,
  effect: ActionEffectSchema,
  /** The command that carries out the action: its whole state, so it survives a restart. */
  request: CommandRequestSchema,
});
export type Action = z.infer<typeof ActionSchema>;

/** The question a card shows, as data: what `wq search --json` prints for each result. */
export const QuestionSummarySchema = z.object({
  id: z.string(),
  uin: z.string().nullable(),
  house: HouseSchema,
  heading: z.string(),
  dateTabled: z.string(),
  dateAnswered: z.string().nullable(),
  answeringBodyId: z.number().int().nullable(),
  answeringBodyName: z.string(),
  askingMember: MemberSchema.nullable(),
  answeringMember: MemberSchema.nullable(),
  url: z.string(),
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;

export function questionSummary(q: Question): QuestionSummary {
  return {
    id: q.id,
    uin: q.uin,
    house: q.house,
    heading: q.heading,
    dateTabled: q.dateTabled,
    dateAnswered: q.dateAnswered,
    answeringBodyId: q.answeringBody.id,
    answeringBodyName: q.answeringBody.name,
    askingMember: q.askingMember,
    answeringMember: q.answeringMember,
    url: q.url,
  };
}

export const CardSchema = z.object({
  /** The question's id in wq, for adapters that key messages by question. */
  id: z.string(),
  title: z.string(),
  /** A short line under the title: house, UIN, dates. */
  subtitle: z.string(),
  fields: z.array(FieldSchema),
  /**
   * Plain text, paragraphs separated by a blank line. `markedRanges` marks the matched words of a
   * search snippet as [start, end) offsets into `body`.
   */
  body: z.string(),
  markedRanges: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** True when `body` is a snippet or cut answer and the full text is one action away. */
  bodyIsExcerpt: z.boolean(),
  url: z.string(),
  /** This card's own actions ("Show full answer", "Share to channel"), in order. */
  actions: z.array(ActionSchema),
  /** The question as data, for renderers that print data (JSON) rather than text. */
  record: QuestionSummarySchema.optional(),
});
export type Card = z.infer<typeof CardSchema>;

/** A picture that goes with a reply (a trend chart); adapters that cannot show one may skip it. */
export const ReplyImageSchema = z.object({
  /** A file name for platforms that upload files ("trend.png"). */
  name: z.string().min(1),
  /** The PNG: its bytes as base64, or a path to a file wq wrote. */
  png: z.union([z.object({ base64: z.string() }), z.object({ path: z.string() })]),
  /** What the picture shows, for screen readers and platforms without images. */
  alt: z.string(),
});
export type ReplyImage = z.infer<typeof ReplyImageSchema>;

const ReplyObjectSchema = z.object({
  /** "error" replies carry one line in `text` saying what was wrong and an example. */
  kind: z.enum(["results", "question", "info", "error"]),
  /** A heading line: "12 results for xinjiang". */
  title: z.string(),
  /** Free text under the title (help text, status lines, error message). */
  text: z.string(),
  cards: z.array(CardSchema),
  /** Actions of the whole reply, not of one card: paging, a preview's confirm. */
  actions: z.array(ActionSchema),
  /** Whether the reply should first be shown only to the person who asked. */
  visibility: z.enum(["private", "public"]),
  images: z.array(ReplyImageSchema).optional(),
  /** For a page of results: how many match in all (about, when `estimated`) and where the page starts. */
  count: z.object({ total: z.number().int(), estimated: z.boolean(), offset: z.number().int() }).optional(),
});
export type Reply = z.infer<typeof ReplyObjectSchema>;

/**
 * Replies stored before actions moved into their cards (outbox rows written by an older wq) had
 * one flat list, per-card actions naming their card by `cardId`, and no style or effect. They are
 * brought to today's shape as they are read, with the effects and styles wq gave those kinds.
 * Buttons of those versions (still on messages in channels) carry only the kind: `legacyEffect`.
 */
export const LEGACY_LOOK: Readonly<Record<string, { effect: ActionEffect; style: ActionStyle }>> = {
  full: { effect: "private", style: "default" },
  share: { effect: "public", style: "primary" },
  previous: { effect: "replace", style: "default" },
  next: { effect: "replace", style: "default" },
  confirm: { effect: "replace", style: "primary" },
};

/** The effect a button of an older wq had, by its kind; null for a kind those versions did not have. */
export function legacyEffect(kind: string): ActionEffect | null {
  return LEGACY_LOOK[kind]?.effect ?? null;
}

function upgradeLegacy(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("actions" in value) || !("cards" in value)) return value;
  const { actions, cards } = value;
  if (!Array.isArray(actions) || !Array.isArray(cards) || cards.some((c: unknown) => typeof c === "object" && c !== null && "actions" in c)) return value;
  const look = (a: Record<string, unknown>): Record<string, unknown> => {
    const { cardId: _cardId, ...rest } = a;
    return { ...(LEGACY_LOOK[String(a.kind)] ?? { effect: "replace", style: "default" }), ...rest };
  };
  const own = (a: unknown): a is Record<string, unknown> => typeof a === "object" && a !== null;
  return {
    ...value,
    cards: cards.map((c: unknown) => (own(c) ? { ...c, actions: actions.filter(own).filter((a) => a.cardId === c.id).map(look) } : c)),
    actions: actions.filter(own).filter((a) => a.cardId === undefined).map(look),
  };
}

/** A Reply as stored (the outbox) or received: today's shape, or the flat one of older versions. */
export const ReplySchema = z.preprocess(upgradeLegacy, ReplyObjectSchema);

/** The one thing said when wq itself failed, wherever it failed. */
export const SOMETHING_WENT_WRONG = "Something went wrong on our side; the error has been logged. Please try again in a minute.";

/** What a button whose request no command of this version can run answers. */
export const OLD_BUTTON = "That button is from an older version of wq. Run the command again.";

/** What a button answers when what it carried is gone (a Discord button's request kept 30 days). */
export const EXPIRED_BUTTON = "This button no longer works. Run the command again.";

/** A share refused by the platform's own check (who may post where), with its reason. */
export function notShared(reason: string): Reply {
  return errorReply(`Not shared: ${reason}.`);
}

export function infoReply(title: string, text: string, visibility: Reply["visibility"] = "private"): Reply {
  return { kind: "info", title, text, cards: [], actions: [], visibility };
}

export function errorReply(message: string): Reply {
  return { kind: "error", title: "Sorry", text: message, cards: [], actions: [], visibility: "private" };
}

export function failureReply(): Reply {
  return errorReply(SOMETHING_WENT_WRONG);
}

/**
 * Whether the reply's title is worth showing above its cards: not when its one card carries the
 * same title (a single question), which every renderer would otherwise print twice.
 */
export function showsTitle(reply: Pick<Reply, "title" | "cards">): boolean {
  if (!reply.title) return false;
  return !(reply.cards.length === 1 && reply.cards[0]?.title === reply.title);
}

/** Every action of a reply, the reply's own first, then each card's in order. */
export function allActions(reply: Pick<Reply, "actions" | "cards">): Action[] {
  return [...reply.actions, ...reply.cards.flatMap((c) => c.actions)];
}

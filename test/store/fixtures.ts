import type { OutboxItem, Subscription, Watch } from "../../src/model/alerts.ts";
import type { Question } from "../../src/model/question.ts";
import { infoReply } from "../../src/model/reply.ts";

/** A complete, valid question; override what a test is about. */
export function makeQuestion(overrides: Partial<Question> = {}): Question {
  const id = overrides.id ?? "100";
  return {
    id,
    apiId: Number.parseInt(id, 10) || null,
    uin: `HL${id}`,
    house: "Lords",
    heading: `Heading ${id}`,
    dateTabled: "2026-11-02",
    dateForAnswer: "2026-11-16",
    dateAnswered: null,
    answeringBody: { id: 7, name: "Home Office" },
    askingMember: { id: 4000, name: "Lord Example", party: "Crossbench" },
    answeringMember: null,
    questionText: `To ask His Majesty's Government question ${id}.`,
    answerText: null,
    answerHtml: null,
    isHolding: false,
    dateHoldingAnswer: null,
    isCorrection: false,
    dateAnswerCorrected: null,
    originalAnswerText: null,
    isWithdrawn: false,
    isNamedDay: false,
    groupedQuestions: [],
    attachments: [],
    url: `https://questions-statements.parliament.uk/written-questions/detail/2026-11-02/HL${id}`,
    source: "api",
    textComplete: true,
    ...overrides,
  };
}

/** The same question answered on `date`. */
export function answered(q: Question, answerText: string, date = "2026-11-10"): Question {
  return {
    ...q,
    dateAnswered: date,
    answerText,
    answerHtml: `<p>${answerText}</p>`,
    answeringMember: { id: 5000, name: "Lord Minister", party: "Labour" },
  };
}

export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: "s1",
    channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
    query: "xinjiang",
    cadence: "instant",
    at: "09:00",
    createdBy: { id: "U1", name: "Ada" },
    createdAt: "2026-11-28T10:00:00.000Z",
    paused: false,
    pausedReason: null,
    lastPostAt: null,
    ...overrides,
  };
}

export function makeItem(overrides: Partial<OutboxItem> = {}): OutboxItem {
  return {
    key: "k1",
    channel: { platform: "slack", workspaceId: "T1", channelId: "C1" },
    kind: "instant",
    reply: infoReply("New answer", "Xinjiang: forced labour", "public"),
    parentKey: null,
    subscriptionIds: ["s1"],
    questionId: "100",
    state: "pending",
    attempts: 0,
    notBefore: null,
    messageId: null,
    lastError: null,
    createdAt: "2026-11-28T10:00:00.000Z",
    ...overrides,
  };
}

export function makeWatch(overrides: Partial<Watch> = {}): Watch {
  return {
    id: "w1",
    questionId: "100",
    label: "HL100",
    platform: "slack",
    workspaceId: "T1",
    user: { id: "U1", name: "Ada" },
    target: { kind: "thread", channel: { platform: "slack", workspaceId: "T1", channelId: "C1" }, messageId: "1700000000.000100" },
    startTag: null,
    createdAt: "2026-11-28T10:00:00.000Z",
    endedAt: null,
    endedReason: null,
    ...overrides,
  };
}

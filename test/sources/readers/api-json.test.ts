import { describe, expect, it } from "vitest";
import { ApiQuestionSchema, apiValueToQuestion, applyDetailTexts, fillMemberNames, isTruncated } from "../../../src/sources/readers/api-json.ts";
import { memberDirectory } from "../../../src/sources/readers/members.ts";
import { QuestionSchema } from "../../../src/model/question.ts";
import { htmlToText } from "../../../src/sources/readers/html-to-text.ts";

const listItem = {
  id: 1721288,
  askingMemberId: 4131,
  askingMember: null,
  house: "Commons",
  dateTabled: "2024-07-17T00:00:00",
  dateForAnswer: "2024-07-22T00:00:00",
  uin: "67",
  questionText: "To ask the Secretary of State for Business and Trade, whether officials in his Department have had discussions with representatives of the aerospace industry on guaranteeing jobs during the completion of the sale of Spirit AeroSystems’ operations to Air",
  answeringBodyId: 214,
  answeringBodyName: "Department for Business and Trade",
  isWithdrawn: false,
  isNamedDay: true,
  groupedQuestions: ["66"],
  groupedQuestionsDates: [{ questionUin: "66", dateTabled: "2024-07-17T00:00:00" }],
  answerIsHolding: false,
  answerIsCorrection: false,
  answeringMemberId: 4631,
  answeringMember: { id: 4631, listAs: "Jones, Sarah", name: "Sarah Jones", party: "Labour", partyColour: "d50000" },
  dateAnswered: "2024-07-22T00:00:00",
  answerText:
    "Under terms agreed between Airbus and Spirit, Airbus will acquire the elements of Spirit’s Belfast site responsible for the A220 airliner. This includes the wing and mid-fuselage sections. The Government is working with the Northern Ireland Executive to h...",
  originalAnswerText: "",
  dateAnswerCorrected: null,
  dateHoldingAnswer: null,
  heading: "Airbus: Spirit AeroSystems",
  attachments: [],
};

describe("the official API reader", () => {
  it("turns a list item into a record, days cut from the API's datetimes", () => {
    const q = apiValueToQuestion(ApiQuestionSchema.parse(listItem));
    expect(q).toMatchObject({
      id: "1721288",
      apiId: 1721288,
      uin: "67",
      dateTabled: "2024-07-17",
      dateAnswered: "2024-07-22",
      answeringBody: { id: 214, name: "Department for Business and Trade" },
      answeringMember: { id: 4631, name: "Sarah Jones", party: "Labour" },
      askingMember: { id: 4131, name: "", party: null },
      groupedQuestions: [{ uin: "66", dateTabled: "2024-07-17" }],
      url: "https://questions-statements.parliament.uk/written-questions/detail/2024-07-17/67",
      originalAnswerText: null,
      textComplete: false,
    });
  });

  it("knows the list's truncations: a 255-character question, an answer cut with ...", () => {
    expect(isTruncated({ questionText: "x".repeat(255), answerText: null })).toBe(true);
    expect(isTruncated({ questionText: "short", answerText: "a".repeat(255) + "..." })).toBe(true);
    expect(isTruncated({ questionText: "short", answerText: "A full short answer..." })).toBe(false);
    expect(isTruncated({ questionText: "short", answerText: "short answer" })).toBe(false);
  });

  it("lays the detail's full texts over the truncated list texts", () => {
    const fromList = apiValueToQuestion(ApiQuestionSchema.parse(listItem));
    const full = applyDetailTexts(fromList, {
      questionText: listItem.questionText + "bus.",
      answerText: "<p>Under terms agreed between Airbus and Spirit.</p><p>Second paragraph.</p>",
    });
    expect(full.questionText.endsWith("Airbus.")).toBe(true);
    expect(full.answerText).toBe("Under terms agreed between Airbus and Spirit.\n\nSecond paragraph.");
    expect(full.answerHtml).toContain("<p>");
    expect(full.textComplete).toBe(true);
  });

  it("refuses a value without an id or with a bad date", () => {
    expect(ApiQuestionSchema.safeParse({ ...listItem, id: undefined }).success).toBe(false);
    expect(ApiQuestionSchema.safeParse({ ...listItem, dateTabled: "yesterday" }).success).toBe(false);
  });
});

describe("answer HTML to text", () => {
  it("keeps paragraphs, lists, link targets and entities", () => {
    const text = htmlToText(
      '<p>First &amp; foremost, see <a href="https://www.gov.uk/x">the guidance</a>.</p><p>&nbsp;</p><ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>',
    );
    expect(text).toBe("First & foremost, see the guidance (https://www.gov.uk/x).\n\n- one\n- two\n\n1. first");
  });

  it("puts each table row on its own line with its cells separated", () => {
    const text = htmlToText(
      "<p>Figures:</p><table><thead><tr><th>Year</th><th>Total</th></tr></thead><tbody><tr><td><p>2023</p></td><td><p>1,234</p></td></tr><tr><td>2024</td><td><strong>5</strong></td></tr></tbody></table><p>After.</p>",
    );
    expect(text).toBe("Figures:\n\nYear | Total\n2023 | 1,234\n2024 | 5\n\nAfter.");
  });
});

describe("member details and the declared-interest flag", () => {
  const directory = memberDirectory([
    { id: 4131, name: "Jim Shannon", party: "Democratic Unionist Party", house: "Commons", memberFrom: "Strangford" },
  ]);

  it("keeps memberFrom of an expanded member and [R] from memberHasInterest", () => {
    const q = apiValueToQuestion(
      ApiQuestionSchema.parse({
        ...listItem,
        memberHasInterest: true,
        answeringMember: { ...listItem.answeringMember, memberFrom: "Croydon West" },
      }),
    );
    expect(q.answeringMember).toMatchObject({ name: "Sarah Jones", memberFrom: "Croydon West" });
    expect(q.memberHasInterest).toBe(true);
  });

  it("places a member given only by id from the members file", () => {
    const q = apiValueToQuestion(ApiQuestionSchema.parse(listItem), directory);
    expect(q.askingMember).toEqual({ id: 4131, name: "Jim Shannon", party: "Democratic Unionist Party", memberFrom: "Strangford" });
    expect(q.memberHasInterest).toBe(false);
  });

  it("fills a missing constituency on a named member without renaming them", () => {
    const q = apiValueToQuestion(ApiQuestionSchema.parse({ ...listItem, askingMember: { id: 4131, name: "Mr Jim Shannon", party: "DUP" } }));
    expect(q.askingMember?.memberFrom).toBeNull();
    const filled = fillMemberNames(q, directory);
    expect(filled.askingMember).toEqual({ id: 4131, name: "Mr Jim Shannon", party: "DUP", memberFrom: "Strangford" });
  });

  it("reads a record stored before these fields were kept", () => {
    const stored = apiValueToQuestion(ApiQuestionSchema.parse(listItem));
    const { memberHasInterest: _dropped, ...old } = stored;
    const oldJson = JSON.parse(JSON.stringify({ ...old, answeringMember: { id: 4631, name: "Sarah Jones", party: "Labour" } })) as unknown;
    const parsed = QuestionSchema.parse(oldJson);
    expect(parsed.memberHasInterest).toBeUndefined();
    expect(parsed.answeringMember).toEqual({ id: 4631, name: "Sarah Jones", party: "Labour" });
  });
});

import { describe, expect, it } from "vitest";
import { deadlineLine, fileSize, questionCard } from "../../../src/core/commands/cards.ts";
import type { Question } from "../../../src/model/question.ts";
import { makeQuestion } from "../../store/fixtures.ts";

const pending = (overrides: Partial<Question> = {}): Question =>
  makeQuestion({ dateForAnswer: "2025-07-22", isNamedDay: true, dateAnswered: null, answerText: null, ...overrides });

const field = (q: Question, label: string, today: string): string | undefined =>
  questionCard(q, { full: false }, today).fields.find((f) => f.label === label)?.value;

describe("lateness on cards", () => {
  it("says how many working days late a named-day question is", () => {
    // Due Tuesday 22 July 2025; by Tuesday 29 July five working days have passed.
    expect(deadlineLine(pending(), "2025-07-29")).toBe("Named day, due 22 July 2025, 5 working days late");
    expect(deadlineLine(pending({ isNamedDay: false }), "2025-07-23")).toBe("Due 22 July 2025, 1 working day late");
    expect(field(pending(), "Deadline", "2025-07-29")).toBe("Named day, due 22 July 2025, 5 working days late");
  });

  it("says when it is due, counting calendar days", () => {
    expect(deadlineLine(pending(), "2025-07-20")).toBe("Named day, due in 2 days (22 July 2025)");
    expect(deadlineLine(pending({ isNamedDay: false }), "2025-07-21")).toBe("Due tomorrow (22 July 2025)");
    expect(deadlineLine(pending(), "2025-07-22")).toBe("Named day, due today (22 July 2025)");
  });

  it("calls a question overdue over the weekend before a working day has passed", () => {
    const friday = pending({ dateForAnswer: "2025-07-18", isNamedDay: false });
    expect(deadlineLine(friday, "2025-07-19")).toBe("Due 18 July 2025, overdue");
  });

  it("keeps counting through a holding answer, and says how late an answer came", () => {
    const holding = pending({ isHolding: true, dateAnswered: "2025-07-22", answerText: "I will reply shortly." });
    expect(deadlineLine(holding, "2025-07-24")).toBe("Named day, due 22 July 2025, 2 working days late");
    expect(deadlineLine(pending({ dateAnswered: "2025-07-25", answerText: "Yes." }), "2025-09-01")).toBe("Named day, due 22 July 2025, answered 3 working days late");
    expect(deadlineLine(pending({ dateAnswered: "2025-07-22", answerText: "Yes." }), "2025-09-01")).toBe("Named day, due 22 July 2025, answered on time");
    expect(deadlineLine(pending({ isWithdrawn: true }), "2025-09-01")).toBeNull();
  });

  it("puts the lateness in the subtitle too", () => {
    expect(questionCard(pending(), { full: false }, "2025-07-29").subtitle).toBe("Lords · UIN HL100 · tabled 2026-11-02 · named day · 5 working days late");
    expect(questionCard(pending({ isNamedDay: false }), { full: false }, "2025-07-20").subtitle).toBe("Lords · UIN HL100 · tabled 2026-11-02 · due in 2 days");
  });
});

describe("member details on cards", () => {
  it("gives party and constituency of asker and answerer, and [R] for a declared interest", () => {
    const q = makeQuestion({
      memberHasInterest: true,
      askingMember: { id: 4131, name: "Jim Shannon", party: "Democratic Unionist Party", memberFrom: "Strangford" },
      answeringMember: { id: 4631, name: "Sarah Jones", party: "Labour", memberFrom: "Croydon West" },
    });
    expect(field(q, "Asked by", "2026-11-30")).toBe("Jim Shannon (Democratic Unionist Party, Strangford) [R]");
    expect(field(q, "Answered by", "2026-11-30")).toBe("Sarah Jones (Labour, Croydon West)");
  });

  it("shows what it knows of a member stored before constituencies were kept", () => {
    const q = makeQuestion({ askingMember: { id: 4000, name: "Lord Example", party: "Crossbench" }, memberHasInterest: undefined });
    expect(field(q, "Asked by", "2026-11-30")).toBe("Lord Example (Crossbench)");
  });

  it("lists attachments with title, type and size", () => {
    const q = makeQuestion({
      attachments: [
        { url: "https://example.org/a.pdf", title: "Annex A: funding by region", fileType: "pdf", fileSizeBytes: 1_234_567 },
        { url: "https://example.org/b.xlsx", title: null, fileType: ".xlsx", fileSizeBytes: 34_000 },
        { url: "https://example.org/c.docx", title: "Letter", fileType: null, fileSizeBytes: null },
      ],
    });
    expect(field(q, "Attachments", "2026-11-30")).toBe("Annex A: funding by region (PDF, 1.2 MB)\nb.xlsx (XLSX, 34 KB)\nLetter");
  });

  it("writes file sizes as people read them", () => {
    expect(fileSize(512)).toBe("512 bytes");
    expect(fileSize(1_000)).toBe("1 KB");
    expect(fileSize(1_250)).toBe("1.3 KB");
    expect(fileSize(999_499)).toBe("999 KB");
    expect(fileSize(2_000_000)).toBe("2 MB");
    expect(fileSize(12_600_000)).toBe("13 MB");
  });
});

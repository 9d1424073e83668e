import { describe, expect, it } from "vitest";
import { isOverdue, latenessOf } from "../../../src/core/lateness/lateness.ts";
import type { Question } from "../../../src/model/question.ts";
import { makeQuestion } from "../../store/fixtures.ts";

const due = (overrides: Partial<Question> = {}): Question =>
  makeQuestion({ dateForAnswer: "2025-07-22", dateAnswered: null, answerText: null, ...overrides });

describe("lateness of one question", () => {
  it("is late by working days once the date for answer has passed without an answer", () => {
    expect(latenessOf(due(), "2025-07-23")).toEqual({ kind: "late", workingDays: 1 });
    expect(latenessOf(due(), "2025-07-29")).toEqual({ kind: "late", workingDays: 5 });
    expect(isOverdue("unanswered", "2025-07-22", "2025-07-23")).toBe(true);
  });

  it("is due, not late, on and before the date for answer", () => {
    expect(latenessOf(due(), "2025-07-22")).toEqual({ kind: "due", days: 0 });
    expect(latenessOf(due(), "2025-07-20")).toEqual({ kind: "due", days: 2 });
    expect(isOverdue("unanswered", "2025-07-22", "2025-07-22")).toBe(false);
  });

  it("keeps the clock running through a holding answer", () => {
    const holding = due({ isHolding: true, dateAnswered: "2025-07-22", answerText: "I will reply as soon as possible." });
    expect(latenessOf(holding, "2025-07-24")).toEqual({ kind: "late", workingDays: 2 });
    expect(isOverdue("holding", "2025-07-22", "2025-07-24")).toBe(true);
  });

  it("measures an answered question by the day it was answered, a correction too", () => {
    expect(latenessOf(due({ dateAnswered: "2025-07-25", answerText: "Yes." }), "2025-09-01")).toEqual({ kind: "answered", workingDaysLate: 3 });
    expect(latenessOf(due({ dateAnswered: "2025-07-21", answerText: "Yes." }), "2025-09-01")).toEqual({ kind: "answered", workingDaysLate: 0 });
    expect(isOverdue("answered", "2025-07-22", "2025-09-01")).toBe(false);
    expect(isOverdue("corrected", "2025-07-22", "2025-09-01")).toBe(false);
  });

  it("says nothing of a withdrawn question or one with no date for answer", () => {
    expect(latenessOf(due({ isWithdrawn: true }), "2025-09-01")).toBeNull();
    expect(latenessOf(due({ dateForAnswer: null }), "2025-09-01")).toBeNull();
    expect(isOverdue("withdrawn", "2025-07-22", "2025-09-01")).toBe(false);
    expect(isOverdue("unanswered", null, "2025-09-01")).toBe(false);
  });
});

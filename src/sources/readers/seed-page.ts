import { createHash } from "node:crypto";
import { bodyByName } from "../../model/departments.ts";
import { officialUrl, type Member, type Question } from "../../model/question.ts";

/** Lines the page's chrome leaves in a copied text: never part of a question or an answer. */
const NOISE = [/^reticulating splines\.*$/i, /^view source$/i, /^loading\.*$/i, /^share$/i, /^tweet$/i];

const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];

export class SeedPageError extends Error {}

/** "7th June 2021" (or "7 June 2021") as 2021-06-07. */
export function parseOrdinalDate(text: string): string | null {
  // Runs of spaces collapsed first: the pattern then never backtracks over a long run.
  const m = /(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+) (\d{4})/.exec(text.replace(/\s+/g, " "));
  if (!m) return null;
  const month = MONTHS.indexOf(m[2]!.toLowerCase());
  const dayOfMonth = Number(m[1]);
  if (month < 0 || dayOfMonth < 1 || dayOfMonth > 31) return null;
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
}

/** "Name (Party - Constituency)" as a member; the party is what stands before the dash. */
function parseAsker(text: string): Member {
  // String operations, not a lazy regex: a pasted page may hold a line of 300 KB.
  const line = text.replace(/\s+/g, " ").trim();
  const open = line.lastIndexOf("(");
  const inner = open >= 0 && line.endsWith(")") ? line.slice(open + 1, -1) : null;
  if (inner === null || inner.includes(")")) return { id: null, name: line, party: null };
  const party = inner.split(" - ")[0]!.trim();
  return { id: null, name: line.slice(0, open).trim(), party: party || null };
}

function paragraphs(lines: string[]): string {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line.trim() === "") {
      if (current.length) out.push(current.join(" "));
      current = [];
    } else current.push(line.trim());
  }
  if (current.length) out.push(current.join(" "));
  return out.join("\n\n");
}

/**
 * Reads the text of a Parallel Parliament written-question page (the layout of seeds/). The page
 * prints no API id, so the record gets a stable id from its heading, date and question.
 */
export function parseSeedPage(text: string): Question {
  const lines = text
    .replace(/\u0000/g, "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    // trimEnd, not /\s+$/: the regex retries from every space of a long run (a 300 KB page took 33 s).
    .map((l) => l.trimEnd())
    .filter((l) => !NOISE.some((n) => n.test(l.trim())));
  const at = (re: RegExp, from = 0): number => lines.findIndex((l, i) => i >= from && re.test(l.trim()));

  const headingAt = lines.findIndex((l) => l.trim() !== "");
  if (headingAt < 0) throw new SeedPageError("the page is empty");
  const heading = lines[headingAt]!.trim();

  const askedAt = at(/^\(asked on .+\)/i);
  const dateTabled = askedAt >= 0 ? parseOrdinalDate(lines[askedAt]!) : null;
  if (!dateTabled) throw new SeedPageError('no "(asked on <date>)" line with a date such as "7th June 2021"');

  const toAt = at(/^question to (the )?.+:$/i);
  if (toAt < 0) throw new SeedPageError('no "Question to <department>:" line');
  const departmentName = lines[toAt]!.trim().replace(/^question to\s+/i, "").replace(/:$/, "").trim();
  const body = bodyByName(departmentName);

  const askerAt = at(/^asked by:/i);
  const askingMember = askerAt >= 0 ? parseAsker(lines[askerAt]!.trim().replace(/^asked by:\s*/i, "")) : null;
  const uinAt = at(/^uin:?\s+\S+$/i);
  const uin = uinAt >= 0 ? lines[uinAt]!.trim().replace(/^uin:?\s+/i, "") : null;

  const answeredByAt = at(/^answered by$/i, toAt);
  const questionEnd = answeredByAt >= 0 ? answeredByAt : lines.length;
  const questionLines = lines
    .slice(toAt + 1, questionEnd)
    .filter((_, i) => ![askerAt, uinAt].includes(toAt + 1 + i));
  const questionText = paragraphs(questionLines);
  if (!questionText) throw new SeedPageError("no question text after the department line");

  let answeringMember: Member | null = null;
  let dateAnswered: string | null = null;
  let answerText: string | null = null;
  if (answeredByAt >= 0) {
    const answeredOnAt = at(/^this question was answered on /i, answeredByAt);
    if (answeredOnAt < 0) throw new SeedPageError('"Answered by" without "This question was answered on <date>"');
    dateAnswered = parseOrdinalDate(lines[answeredOnAt]!);
    // Between the two stand "<Name> Portrait" (the photo's alt text) and the name itself.
    const names = lines
      .slice(answeredByAt + 1, answeredOnAt)
      .map((l) => l.trim().replace(/\s+Portrait$/i, ""))
      .filter(Boolean);
    const name = names[names.length - 1];
    answeringMember = name ? { id: null, name, party: null } : null;
    answerText = paragraphs(lines.slice(answeredOnAt + 1)) || null;
  }

  const id = "seed-" + createHash("sha1").update(`${heading}\n${dateTabled}\n${questionText}`).digest("hex").slice(0, 12);
  const house = uin?.toUpperCase().startsWith("HL") || /^(lord|baroness|viscount|earl)\b/i.test(askingMember?.name ?? "")
    ? "Lords"
    : "Commons";
  return {
    id,
    apiId: null,
    uin,
    house,
    heading,
    dateTabled,
    dateForAnswer: null,
    dateAnswered,
    answeringBody: { id: body?.id ?? null, name: body?.name ?? departmentName },
    askingMember,
    answeringMember,
    questionText,
    answerText,
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
    url: officialUrl(dateTabled, uin, heading),
    source: "seed",
    textComplete: true,
  };
}

import { resolveDepartment } from "../../model/departments.ts";
import { infoReply, type Reply } from "../../model/reply.ts";
import type { OverdueDepartment, OverdueReport } from "./report.ts";

/** Departments listed in a chat reply: the rest are counted, so one message holds the report. */
export const DEPARTMENTS_LISTED = 12;

/** More departments than there are answering bodies is a mistake, not a report. */
export const MAX_DEPARTMENT_TERMS = 20;

export const OVERDUE_USAGE = "overdue takes departments as dept: filters, e.g. overdue dept:dhsc or overdue dept:dhsc dept:fcdo";

/** The answering bodies of department terms ("dhsc", "health", "17"); the first unknown term's one-line message otherwise. */
export function departmentsOf(terms: readonly string[]): { ok: true; departments: number[] | null } | { ok: false; message: string } {
  if (terms.length === 0) return { ok: true, departments: null };
  const ids = new Set<number>();
  for (const term of terms) {
    const found = resolveDepartment(term);
    if (found.length === 0)
      return { ok: false, message: `No department matches "${term}". Try an abbreviation (dept:dhsc), a name fragment (dept:health) or an id (dept:17).` };
    for (const id of found) ids.add(id);
  }
  return { ok: true, departments: [...ids] };
}

/** The department terms of an `overdue` request's text (`dept:dhsc dept:17 ...`), or the one-line reason it cannot be read. */
export function overdueTerms(text: string): { ok: true; terms: string[] } | { ok: false; message: string } {
  const terms: string[] = [];
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length > MAX_DEPARTMENT_TERMS) return { ok: false, message: `overdue takes up to ${MAX_DEPARTMENT_TERMS} departments, e.g. overdue dept:dhsc dept:fcdo` };
  for (const word of words) {
    const m = /^dept:(.+)$/i.exec(word);
    if (!m) return { ok: false, message: `"${word}" is not a department filter: ${OVERDUE_USAGE}` };
    terms.push(m[1]!.replace(/^"|"$/g, ""));
  }
  const checked = departmentsOf(terms);
  return checked.ok ? { ok: true, terms } : checked;
}

/** The answering bodies an `overdue` request's text names, null for all; or the one-line reason it cannot be read. */
export function overdueDepartments(text: string): { ok: true; departments: number[] | null } | { ok: false; message: string } {
  const parsed = overdueTerms(text);
  return parsed.ok ? departmentsOf(parsed.terms) : parsed;
}

const days = (n: number): string => `${n} working day${n === 1 ? "" : "s"}`;

/** "Department of Health and Social Care: 412 overdue, median 6 working days late, worst 85; oldest 1904079, 1904080, 1904101". */
export function departmentLine(d: OverdueDepartment): string {
  return `${d.answeringBodyName}: ${d.overdue} overdue, median ${days(d.medianDaysLate)} late, worst ${days(d.worstDaysLate)}; oldest ${d.oldest.join(", ")}`;
}

/** The report as one message: the departments with most overdue first, the rest counted. */
export function overdueReply(report: OverdueReport, asOfLabel: string, visibility: Reply["visibility"] = "private"): Reply {
  const total = report.departments.reduce((sum, d) => sum + d.overdue, 0);
  if (total === 0) return infoReply(`No written questions overdue on ${asOfLabel}`, "Every question held that was due has a substantive answer (or was withdrawn).", visibility);
  const shown = report.departments.slice(0, DEPARTMENTS_LISTED);
  const rest = report.departments.slice(DEPARTMENTS_LISTED);
  const lines = shown.map(departmentLine);
  if (rest.length)
    lines.push(`and ${rest.length} more department${rest.length === 1 ? "" : "s"} with ${rest.reduce((s, d) => s + d.overdue, 0)} overdue: ask for one with overdue dept:<name>`);
  lines.push("", "Overdue: no substantive answer (a holding answer does not count) and the date for answer has passed. Days late count working days in London. Show one with /wq show <id>.");
  return infoReply(`${total} written question${total === 1 ? "" : "s"} overdue on ${asOfLabel}`, lines.join("\n"), visibility);
}


import { infoReply, type Reply } from "../../model/reply.ts";

/** The query language, as `/wq help`, README and the Slack Home tab show it. */
export const QUERY_SYNTAX = `Words: all must match, in any form of the word (nursing finds nurses; homeless does not find home; "uighurs" finds Uighur and Uyghur). AND between words changes nothing.
"exact phrase": the words together, in order (also inside hyphenated words).
-word, -"a phrase" or -(a OR b): leave out questions that contain it.
a OR b: either word (OR joins the words either side of it).
(a OR b) c, (a b) OR "c d": brackets group words, e.g. (nurses OR midwives) -agency dept:dhsc
Filters (combine freely, outside brackets; a filter alone is a query):
  dept:dhsc   a department by abbreviation (fcdo, dhsc, mod, dfe, dwp, ...), name fragment (health) or id (17); renamed departments include their old names
  asker:shannon   answerer:streeting   a member's name or part of it; quote names with spaces: asker:"Jim Shannon"
  house:commons or house:lords
  status:answered | unanswered | holding | corrected | withdrawn
  status:overdue   no substantive answer (a holding answer does not count), past its date for answer
  due:2025-07-22   the date for answer, with the syntax of tabled: (due:<2025-08-01, due:2025-07)
  named:yes | no   named-day questions or the others
  tabled:2024-07-25 (a day)   answered:2024-07 (a month)   answered:2024 (a year)   answered:2024-01-01..2024-03-31 (both ends included)   tabled:2024-06.. or tabled:..2024-06 (open)
  tabled:>2024-06-01 after that day, >= from that day; answered:<2024-06 before June, <= up to its end
  uin:12345
  sort:relevance | newest | oldest   (words sort by relevance: rarer words and heading matches first, then newest; filters alone by newest)
Up to 500 characters and 24 different words or phrases. A search that runs over 1 s is stopped: narrow it.`;

export const COMMANDS = `/wq search <query>: find questions; results show privately first, with a button to share one.
/wq show <id | yyyy-mm-dd/uin | official link>: one question with its answer.
/wq latest [n] [query]: the n newest answers (up to 20), optionally matching a query.
/wq overdue [dept:...]: questions overdue per department, median and worst working days late, the oldest three.
/wq status: what wq holds and when it last synced.
/wq subscribe <query> [every:instant|daily|weekly] [at:HH:MM]: post new answers matching the query in this channel, as they come or as a digest (working days, or Mondays, at 09:00 London time unless at: says otherwise); shows a preview first.
/wq subscriptions: this workspace's subscriptions. /wq unsubscribe <id>, /wq pause <id>, /wq resume <id>: change one.
/wq help: this text.`;

export const EXAMPLES = `/wq search xinjiang
/wq search "forced labour" dept:fcdo answered:2024
/wq search (nurses OR midwives) -agency status:answered sort:newest
/wq search "free school meals" tabled:>=2025-01
/wq show 2024-07-17/67
/wq latest 10 dept:dhsc
/wq search status:overdue dept:dhsc named:yes
/wq overdue dept:fcdo
/wq subscribe status:overdue every:weekly
/wq subscribe "forced labour" dept:fcdo every:daily at:08:30`;

export function helpReply(): Reply {
  return infoReply(
    "wq: UK Parliament written questions and answers",
    `${COMMANDS}\n\nQuery syntax:\n${QUERY_SYNTAX}\n\nExamples:\n${EXAMPLES}\n\nContains Parliamentary information licensed under the Open Parliament Licence v3.0.`,
  );
}

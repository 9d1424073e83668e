/**
 * A fixed set of realistic queries for the latency benchmark: what public-affairs teams, charities
 * and journalists type, as plain words, phrases, exclusions, OR, and with filters.
 */
const TOPICS = [
  "xinjiang", "uighur", "dentistry", "nhs dentists", "mental health", "special educational needs", "asylum seekers",
  "small boats", "prisons", "knife crime", "solar", "heat pumps", "offshore wind", "nuclear", "water companies",
  "sewage", "flooding", "farmers", "bovine tb", "badgers", "ukraine", "gaza", "israel", "sudan", "china",
  "hong kong", "russia sanctions", "arms exports", "armed forces housing", "veterans", "universal credit",
  "pip assessments", "child poverty", "state pension", "carers allowance", "council tax", "social housing",
  "leasehold", "building safety", "cladding", "potholes", "hs2", "rail fares", "bus services", "electric vehicles",
  "air pollution", "covid inquiry", "long covid", "vaccines", "cancer waiting times", "ambulance", "gp appointments",
  "junior doctors", "nurses", "autism", "adhd", "dementia", "obesity", "smoking", "gambling", "online safety",
  "artificial intelligence", "cyber security", "broadband", "post office horizon", "apprenticeships", "tuition fees",
  "free school meals", "teachers pay", "raac", "tax avoidance", "vat", "inheritance tax", "fuel duty", "steel",
];

const PHRASES = [
  '"forced labour"', '"human rights"', '"climate change"', '"net zero"', '"waiting list"', '"mental health"',
  '"local authorities"', '"legal aid"', '"hate crime"', '"food banks"', '"energy bills"', '"universal credit"',
];

const FILTERS = [
  "dept:dhsc", "dept:fcdo", "dept:dfe", "dept:mod", "dept:home", "dept:mhclg", "dept:dwp", "dept:desnz",
  "answered:2024", "answered:>2025-01-01", "tabled:2024-07", "status:answered", "status:unanswered",
  "answered:2024-01-01..2024-06-30", "status:holding", "asker:shannon", "answerer:streeting", "house:commons",
];

const EXCLUSIONS = ["-scotland", "-wales", '-"northern ireland"', "-private", "-london"];

/** 220 queries, the same every run. */
export function benchQueries(): string[] {
  const out: string[] = [];
  TOPICS.forEach((t, i) => {
    out.push(t);
    if (i % 2 === 0) out.push(`${t} ${FILTERS[i % FILTERS.length]}`);
    if (i % 5 === 0) out.push(`${t} ${EXCLUSIONS[i % EXCLUSIONS.length]}`);
    if (i % 9 === 0) out.push(`${t} sort:newest`);
    if (i % 7 === 0 && i + 1 < TOPICS.length) out.push(`${t} OR ${TOPICS[i + 1]}`);
  });
  PHRASES.forEach((p, i) => {
    out.push(p);
    out.push(`${p} ${FILTERS[(i * 3) % FILTERS.length]}`);
  });
  for (const f of FILTERS) out.push(f);
  for (let i = 0; out.length < 220; i++) out.push(`${FILTERS[i % FILTERS.length]} ${FILTERS[(i + 5) % FILTERS.length]}`);
  return out.slice(0, 220);
}

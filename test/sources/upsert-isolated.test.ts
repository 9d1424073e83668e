import { describe, expect, it } from "vitest";
import { importPaths } from "../../src/sources/readers/import.ts";
import { upsertIsolated } from "../../src/sources/upsert-isolated.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { PostgresStore } from "../../src/store/postgres/postgres-store.ts";
import type { Question } from "../../src/model/question.ts";
import type { Store } from "../../src/store/store.ts";
import { FIXTURE_QUESTIONS_DIR } from "../helpers/core.ts";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropSchema, freshSchemaName, PG_URL, pgUrl } from "../store/pg.ts";

async function fixtureQuestions(): Promise<Question[]> {
  const source = new SqliteStore(":memory:");
  await importPaths([FIXTURE_QUESTIONS_DIR], source);
  const all: Question[] = [];
  for await (const batch of source.allQuestions()) all.push(...batch);
  await source.close();
  return all;
}

/** A real store that refuses one id, as a database refuses a value it cannot hold. */
function refusing(store: Store, id: string): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "upsertQuestions") {
        return (qs: readonly Question[]) => {
          if (qs.some((q) => q.id === id)) return Promise.reject(new Error(`value refused for ${id}`));
          return target.upsertQuestions(qs);
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

describe("one record the store refuses costs that record only", () => {
  it("stores the rest of the batch and names the refused one", async () => {
    const questions = await fixtureQuestions();
    const store = new SqliteStore(":memory:");
    const refused: string[] = [];
    const r = await upsertIsolated(refusing(store, questions[3]!.id), questions, (q, why) => refused.push(`${q.id}: ${why}`));
    expect(r.inserted).toBe(questions.length - 1);
    expect(refused).toEqual([`${questions[3]!.id}: value refused for ${questions[3]!.id}`]);
    expect(await store.countQuestions()).toBe(questions.length - 1);
    await store.close();
  });

  it("lets a failing store's error stand instead of naming every record", async () => {
    const questions = await fixtureQuestions();
    const broken = { upsertQuestions: () => Promise.reject(new Error("database is down")) } as unknown as Store;
    const refused: string[] = [];
    await expect(upsertIsolated(broken, questions, (q) => refused.push(q.id))).rejects.toThrow("database is down");
    expect(refused.length).toBeLessThanOrEqual(10);
  });

  it.skipIf(!PG_URL)("PostgreSQL holds a record whose texts carried NUL characters (cleaned at the reader)", async () => {
    const schema = freshSchemaName();
    const store = await PostgresStore.open({ connectionString: pgUrl(), schema });
    {
      try {
        const dir = mkdtempSync(join(tmpdir(), "wq-nul-"));
        const list = JSON.parse(readFileSync(join(FIXTURE_QUESTIONS_DIR, "list.json"), "utf8")) as { results: Array<{ value: Record<string, unknown> }> };
        const first = list.results[0]!.value;
        list.results[0] = { value: { ...first, uin: `1\u00002`, heading: `Head\u0000ing`, questionText: `Q\u0000` } };
        writeFileSync(join(dir, "list.json"), JSON.stringify(list));
        const summary = await importPaths([dir], store);
        expect(summary.skipped).toBe(0);
        const q = await store.getQuestion(String(first["id"]));
        expect(q?.uin).toBe("12");
        expect(q?.heading).toBe("Heading");
        expect(await store.countQuestions()).toBe(list.results.length);
      } finally {
        await store.close();
        await dropSchema(schema);
      }
    }
  });
});

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importPaths } from "../../src/sources/readers/import.ts";
import { openIndex } from "../../src/core/search/index-cache.ts";
import { startIndexRefresh } from "../../src/core/search/index-refresh.ts";
import { parseQuery } from "../../src/core/search/query.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { SEED_ID, SEEDS_DIR } from "../helpers/core.ts";

describe("the index refresh", () => {
  it("brings in what another process wrote to the store", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "wq-refresh-")), "wq.db");
    const mine = new SqliteStore(path);
    await importPaths([SEEDS_DIR], mine);
    const { index, revision } = await openIndex(mine, async () => new Map(), null);
    const refresh = startIndexRefresh({ store: mine, index, fromRevision: revision, intervalMs: 0 });
    expect(await refresh.refresh()).toBe(0);

    const theirs = new SqliteStore(path);
    const seed = (await theirs.getQuestion(SEED_ID))!;
    await theirs.upsertQuestions([{ ...seed, id: "999", apiId: 999, uin: "999", heading: "Wombats: Habitats" }]);
    const wombats = async (): Promise<number> => (await index.search(parseQuery("wombats"), 0, 5)).total;
    expect(await wombats()).toBe(0);
    expect(await refresh.refresh()).toBe(1);
    expect(await wombats()).toBe(1);
    expect(await refresh.refresh()).toBe(0);
    refresh.stop();
    await theirs.close();
    await mine.close();
  });
});

/** OAuth installations in wq's store: saved, found again after a "restart", checked, removed. */
import { describe, expect, test } from "vitest";
import { installationKey, storeInstallationStore } from "../../src/adapters/slack/installation-store.ts";
import { seededCore } from "../helpers/core.ts";
import { installation } from "./installations.ts";

describe("storeInstallationStore", () => {
  test("keys by team, or by enterprise for org-wide installs", () => {
    expect(installationKey({ teamId: "T1", isEnterpriseInstall: false })).toBe("slack:installation:team:T1");
    expect(installationKey({ teamId: "T1", enterpriseId: "E1", isEnterpriseInstall: true })).toBe("slack:installation:enterprise:E1");
    expect(() => installationKey({ isEnterpriseInstall: false })).toThrow();
  });

  test("an installation survives a new store object over the same database", async () => {
    const { store, close } = await seededCore();
    await storeInstallationStore(store).storeInstallation(installation("T1", "xoxb-t1"));
    const again = await storeInstallationStore(store).fetchInstallation({ teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false });
    expect(again.bot?.token).toBe("xoxb-t1");
    expect(again.team?.id).toBe("T1");
    await close();
  });

  test("unknown, deleted and corrupt installations are refused", async () => {
    const { store, close } = await seededCore();
    const installs = storeInstallationStore(store);
    const query = { teamId: "T2", enterpriseId: undefined, isEnterpriseInstall: false } as const;
    await expect(installs.fetchInstallation(query)).rejects.toThrow(/not installed/);
    await installs.storeInstallation(installation("T2", "xoxb-t2"));
    await installs.deleteInstallation?.(query);
    await expect(installs.fetchInstallation(query)).rejects.toThrow(/not installed/);
    await store.setMeta("slack:installation:team:T2", JSON.stringify({ bot: { token: 1 } }));
    await expect(installs.fetchInstallation(query)).rejects.toThrow(/not valid/);
    await close();
  });
});

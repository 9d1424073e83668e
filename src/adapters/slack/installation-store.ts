/**
 * Bolt's OAuth installations in wq's store (`slack:installation:…`), sealed with AES-256-GCM (bot
 * tokens included; one written in plain text by an older wq is sealed when read) and checked
 * before Bolt uses them.
 */
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import { z } from "zod";
import { SecretBox, SecretBoxError } from "../../store/secret-box.ts";
import type { Store } from "../../store/store.ts";
import { parseJson } from "../shared/json.ts";

const PREFIX = "slack:installation:";

const Named = z.object({ id: z.string(), name: z.string().optional() });

/**
 * Bolt's installation record (OAuth v2), checked where Bolt relies on it (who installed, the bot's
 * token and ids); the rest of the record is kept as Slack gave it.
 */
const StoredInstallationSchema = z.looseObject({
  team: Named.optional(),
  enterprise: Named.optional(),
  user: z.looseObject({ id: z.string(), token: z.string().optional(), scopes: z.array(z.string()).optional() }),
  bot: z.looseObject({ token: z.string(), scopes: z.array(z.string()), id: z.string(), userId: z.string() }).optional(),
  isEnterpriseInstall: z.boolean().optional(),
});

/** Org-wide installs are keyed by enterprise, single-workspace ones by team, as Bolt looks them up. */
export function installationKey(query: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }): string {
  if (query.isEnterpriseInstall && query.enterpriseId) return `${PREFIX}enterprise:${query.enterpriseId}`;
  if (query.teamId) return `${PREFIX}team:${query.teamId}`;
  throw new Error("Slack installation query names neither a team nor an enterprise");
}

/** The box that seals installations, from WQ_SECRET_KEY; undefined without one (tests only: start refuses OAuth then). */
export function installationBox(config: { secretKey?: string }): SecretBox | undefined {
  return config.secretKey ? SecretBox.fromSecret(config.secretKey) : undefined;
}

/** `box` absent only in tests of the store's shape: installations are then kept in plain text. */
export function storeInstallationStore(store: Store, box?: SecretBox): InstallationStore {
  const write = (key: string, json: string): Promise<void> => store.setMeta(key, box ? box.seal(json, key) : json);
  const read = async (key: string): Promise<string | null> => {
    const text = await store.getMeta(key);
    if (!text) return null;
    if (SecretBox.isSealed(text)) {
      if (!box) throw new Error(`Stored Slack installation ${key} is encrypted: set WQ_SECRET_KEY`);
      try {
        return box.open(text, key);
      } catch (error) {
        if (error instanceof SecretBoxError) throw new Error(`Stored Slack installation ${key} cannot be read: ${error.message}`);
        throw error;
      }
    }
    // Written in plain text before installations were encrypted: seal it now.
    if (box) await write(key, text);
    return text;
  };
  return {
    async storeInstallation(installation) {
      const { isEnterpriseInstall = false, enterprise, team } = installation;
      await write(installationKey({ isEnterpriseInstall, enterpriseId: enterprise?.id, teamId: team?.id }), JSON.stringify(installation));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const key = installationKey(query);
      const text = await read(key);
      if (!text) throw new Error(`wq is not installed in this Slack workspace (${key.slice(PREFIX.length)})`);
      const parsed = StoredInstallationSchema.safeParse(parseJson(text));
      if (!parsed.success) throw new Error(`Stored Slack installation ${key} is not valid: ${parsed.error.message}`);
      // JSON drops undefined values; the Installation type wants these keys present.
      const { team, enterprise, user } = parsed.data;
      return { ...parsed.data, team, enterprise, user: { ...user, token: user.token, scopes: user.scopes } } satisfies Installation<"v2", boolean>;
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      // The store has no delete: an empty value reads as "not installed".
      await store.setMeta(installationKey(query), "");
    },
  };
}

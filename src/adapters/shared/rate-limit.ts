/**
 * Fairness: per-user and per-workspace token buckets, checked before a command or button reaches
 * the core. A bucket holds a minute's allowance and refills evenly (20 a minute: one every 3 s),
 * so a burst is allowed and a flood is not; one member cannot starve the rest of a workspace, nor
 * one workspace the others. Both buckets are checked before either is charged, so a refused
 * command costs nothing.
 *
 * Hand-written rather than the `limiter` package: its buckets read performance.now() with no way
 * to pass a clock, and start empty (a user's first command would wait); the tests need exact
 * counts under an injected clock.
 */

export interface RateLimits {
  /** Commands (and button clicks) a user may send a minute; 0 turns the limit off. */
  perUser: number;
  /** The same for a whole Slack workspace or Discord server. */
  perWorkspace: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { perUser: 20, perWorkspace: 120 };

export type RateDecision = { ok: true } | { ok: false; scope: "user" | "workspace"; retryAfterSeconds: number };

export interface RateLimiter {
  /** Takes one token from the user's and the workspace's bucket, or says how long to wait. */
  take(workspaceId: string, userId: string): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

const MINUTE_MS = 60_000;
/** Refills are fractions (20 a minute: a third of a token a second); this absorbs their rounding. */
const EPSILON = 1e-9;
/** Past this many buckets, full ones (idle for a minute or more) are forgotten. */
const MAX_BUCKETS = 10_000;

class Buckets {
  private readonly map = new Map<string, Bucket>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {}

  /** The bucket refilled up to now. */
  private level(key: string): Bucket {
    const t = this.now();
    const b = this.map.get(key) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (Math.max(0, t - b.at) * this.perMinute) / MINUTE_MS);
    b.at = t;
    return b;
  }

  /** Milliseconds until one token is there; 0 when one is now. */
  waitMs(key: string): number {
    if (this.perMinute <= 0) return 0;
    const b = this.level(key);
    return b.tokens >= 1 - EPSILON ? 0 : ((1 - b.tokens) * MINUTE_MS) / this.perMinute;
  }

  charge(key: string): void {
    if (this.perMinute <= 0) return;
    const b = this.level(key);
    b.tokens = Math.max(0, b.tokens - 1);
    this.map.set(key, b);
    if (this.map.size > MAX_BUCKETS) this.forgetFull();
  }

  private forgetFull(): void {
    for (const key of [...this.map.keys()]) if (this.level(key).tokens >= this.perMinute) this.map.delete(key);
  }
}

export function createRateLimiter(limits: RateLimits = DEFAULT_RATE_LIMITS, now: () => number = Date.now): RateLimiter {
  const users = new Buckets(limits.perUser, now);
  const workspaces = new Buckets(limits.perWorkspace, now);
  return {
    take(workspaceId, userId) {
      const userKey = `${workspaceId}\u0000${userId}`;
      const userWait = users.waitMs(userKey);
      const workspaceWait = workspaces.waitMs(workspaceId);
      if (userWait > 0 || workspaceWait > 0) {
        const scope = userWait >= workspaceWait ? "user" : "workspace";
        return { ok: false, scope, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(userWait, workspaceWait) / 1000 - EPSILON)) };
      }
      users.charge(userKey);
      workspaces.charge(workspaceId);
      return { ok: true };
    },
  };
}

/** The polite refusal, for an ephemeral message; `place` is what the platform calls a workspace. */
export function slowDownText(decision: Extract<RateDecision, { ok: false }>, place: "workspace" | "server" = "workspace"): string {
  const who = decision.scope === "user" ? "You have" : `This ${place} has`;
  return `Slow down: ${who} sent a lot of commands in the last minute. Try again in ${decision.retryAfterSeconds} s.`;
}

// Per-username cache of GitHub results, so the same candidate in two batches costs one set of API calls.
// Keys are lower-cased: GitHub usernames are case-insensitive. Freshness (the TTL) is the analyzer's
// decision; the cache only remembers when each value was fetched.
import { eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { githubCache } from "../db/schema.ts";

export interface GithubCache {
  get(username: string): Promise<{ data: unknown; fetchedAt: Date } | null>;
  set(username: string, data: unknown, apiCalls: number, fetchedAt: Date): Promise<void>;
}

export function cacheKey(username: string): string {
  return username.toLowerCase();
}

/** The `github_cache` table: shared by every worker of a deployment. */
export function createDbGithubCache(db: Database): GithubCache {
  return {
    async get(username) {
      const rows = await db
        .select({ data: githubCache.data, fetchedAt: githubCache.fetchedAt })
        .from(githubCache)
        .where(eq(githubCache.username, cacheKey(username)))
        .limit(1);
      const row = rows[0];
      return row ? { data: row.data, fetchedAt: row.fetchedAt } : null;
    },
    async set(username, data, apiCalls, fetchedAt) {
      const key = cacheKey(username);
      await db
        .insert(githubCache)
        .values({ username: key, data, apiCalls, fetchedAt })
        .onConflictDoUpdate({ target: githubCache.username, set: { data, apiCalls, fetchedAt } });
    },
  };
}

/** An in-process cache (one worker, no database), e.g. for a CLI run. */
export function createMemoryGithubCache(): GithubCache {
  const entries = new Map<string, { data: unknown; fetchedAt: Date }>();
  return {
    async get(username) {
      return entries.get(cacheKey(username)) ?? null;
    },
    async set(username, data, _apiCalls, fetchedAt) {
      // Stored as JSON text, as the database would, so callers cannot share mutable objects with it.
      entries.set(cacheKey(username), { data: JSON.parse(JSON.stringify(data)), fetchedAt });
    },
  };
}

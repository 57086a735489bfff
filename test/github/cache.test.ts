// The database cache on a real (in-memory PGlite) database, and the analyzer reading through it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { githubCache } from "../../src/db/schema.ts";
import { createGithubAnalyzer } from "../../src/github/analyzer.ts";
import { createDbGithubCache } from "../../src/github/cache.ts";
import { fakeProfile, startFakeGithub } from "../support/fake-github.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";

const NOW = new Date("2026-03-01T00:00:00Z");
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openMemoryPglite();
  await handle.migrate();
});
afterAll(async () => {
  await handle.close();
});

describe("createDbGithubCache", () => {
  it("stores, reads case-insensitively and overwrites", async () => {
    const cache = createDbGithubCache(handle.db);
    expect(await cache.get("Some-User")).toBeNull();
    await cache.set("Some-User", { a: 1 }, 7, NOW);
    expect(await cache.get("some-user")).toEqual({ data: { a: 1 }, fetchedAt: NOW });

    const later = new Date(NOW.getTime() + 1000);
    await cache.set("SOME-USER", { a: 2 }, 3, later);
    expect(await cache.get("Some-User")).toEqual({ data: { a: 2 }, fetchedAt: later });
    const rows = await handle.db.select().from(githubCache);
    expect(rows.filter((r) => r.username === "some-user")).toEqual([
      { username: "some-user", data: { a: 2 }, apiCalls: 3, fetchedAt: later },
    ]);
  });

  it("lets a second analyzer (another worker, another batch) reuse the facts with zero calls", async () => {
    const server = await startFakeGithub([fakeProfile("cached-dev", NOW)]);
    try {
      const options = {
        baseUrl: server.url,
        cache: createDbGithubCache(handle.db),
        ttlSeconds: 86_400,
        now: () => NOW,
        retryBaseMs: 1,
      };
      const first = await createGithubAnalyzer(options).analyze("cached-dev", [{ skill: "TypeScript" }]);
      expect(first).toMatchObject({ status: "ok", cached: false });
      const calls = server.requests;
      expect(first.apiCalls).toBe(calls);

      const second = await createGithubAnalyzer(options).analyze("Cached-Dev", [{ skill: "Go" }]);
      expect(second).toMatchObject({ status: "ok", cached: true, apiCalls: 0 });
      expect(server.requests).toBe(calls);
      if (second.status === "ok") expect(second.analysis.relevance.matched_skills).toEqual(["Go"]);

      const stored = await handle.db.select().from(githubCache);
      expect(stored.find((r) => r.username === "cached-dev")?.apiCalls).toBe(calls);
    } finally {
      await server.close();
    }
  });
});

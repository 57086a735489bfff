// One contract, two rate-limit stores: the in-process map and Redis (two store instances share the
// counters, as two API replicas do). Plus what the Redis store does when Redis stops answering.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createMemoryRateLimitStore } from "../../src/adapters/memory-rate-limits.ts";
import { createRedisRateLimitStore } from "../../src/adapters/redis-rate-limits.ts";
import type { RateLimitStore } from "../../src/ports.ts";
import { clearRedisPrefix, distributedServicesAvailable, REDIS_URL } from "../support/services.ts";

const redisOk = await distributedServicesAvailable();
const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await clearRedisPrefix(prefix);
});

async function pair(kind: "memory" | "redis"): Promise<[RateLimitStore, RateLimitStore]> {
  if (kind === "memory") {
    const store = createMemoryRateLimitStore();
    return [store, store];
  }
  const prefix = `cvflow-rltest-${randomBytes(4).toString("hex")}`;
  prefixes.push(prefix);
  return [
    await createRedisRateLimitStore(REDIS_URL, prefix),
    await createRedisRateLimitStore(REDIS_URL, prefix),
  ];
}

describe.each([
  ["memory", true],
  ["redis", redisOk],
] as const)("%s rate-limit store", (kind, available) => {
  it.runIf(available)("counts hits per key within one window", async () => {
    const [a, b] = await pair(kind);
    try {
      const first = await a.hit("k", 60_000);
      expect(first.count).toBe(1);
      expect(first.resetAt).toBeGreaterThan(Date.now());
      expect(first.resetAt).toBeLessThanOrEqual(Date.now() + 60_000);
      expect((await b.hit("k", 60_000)).count).toBe(2);
      expect((await a.hit("k", 60_000)).count).toBe(3);
      expect((await b.hit("other", 60_000)).count).toBe(1);
      // Concurrent hits are each counted once.
      const counts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).hit("burst", 60_000)),
      );
      expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    } finally {
      await a.close();
      if (b !== a) await b.close();
    }
  });

  it.runIf(available)("starts a new window when the last one has ended", async () => {
    const [a, b] = await pair(kind);
    try {
      const windowMs = 400;
      const first = await a.hit("w", windowMs);
      await sleep(100);
      // A later hit in the window counts but does not extend it (else the key would outlive the
      // wait below by about 100 ms).
      expect((await b.hit("w", windowMs)).count).toBe(2);
      await sleep(Math.max(0, first.resetAt - Date.now()) + 50);
      const next = await b.hit("w", windowMs);
      expect(next.count).toBe(1);
      expect(next.resetAt).toBeGreaterThan(first.resetAt);
    } finally {
      await a.close();
      if (b !== a) await b.close();
    }
  });
});

describe("redis rate-limit store without Redis", () => {
  it.runIf(redisOk)("fails a hit instead of waiting when Redis stops answering or is gone", async () => {
    // A loopback proxy to the real Redis that can stop forwarding: a Redis that accepts the
    // connection but never answers.
    let answering = true;
    const redis = new URL(REDIS_URL);
    const sockets = new Set<net.Socket>();
    const proxy = net.createServer((client) => {
      const upstream = net.connect(Number(redis.port || 6379), redis.hostname);
      sockets.add(client).add(upstream);
      client.on("data", (chunk) => answering && upstream.write(chunk));
      upstream.on("data", (chunk) => answering && client.write(chunk));
      for (const s of [client, upstream]) {
        s.on("error", () => {});
        s.on("close", () => {
          client.destroy();
          upstream.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as net.AddressInfo;
    const prefix = `cvflow-rltest-${randomBytes(4).toString("hex")}`;
    prefixes.push(prefix);
    const store = await createRedisRateLimitStore(`redis://127.0.0.1:${port}`, prefix, {
      commandTimeoutMs: 200,
    });
    try {
      expect((await store.hit("k", 60_000)).count).toBe(1);
      answering = false;
      await expect(store.hit("k", 60_000)).rejects.toThrow(/timed out/i);
      await store.close();
      await expect(store.hit("k", 60_000)).rejects.toThrow();
    } finally {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

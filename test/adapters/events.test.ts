// One contract, two adapters: the in-process bus and Redis pub/sub (across two bus instances, as
// between a worker process and an API process).
import { randomBytes, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../../src/adapters/memory-events.ts";
import { createRedisEventBus } from "../../src/adapters/redis-events.ts";
import type { EventBus } from "../../src/ports.ts";
import type { CvProgressEvent, ProgressEvent } from "../../src/progress/events.ts";
import { distributedServicesAvailable, REDIS_URL } from "../support/services.ts";

const redisOk = await distributedServicesAvailable();

const event = (userId: string, progress: number): CvProgressEvent => ({
  type: "cv_progress",
  user_id: userId,
  cv_id: randomUUID(),
  batch_id: randomUUID(),
  progress,
  status: "Extracting text...",
  stage: "EXTRACTING",
  filename: "a.pdf",
  jd_title: null,
  timestamp: Date.now(),
});

describe.each([
  ["memory", true],
  ["redis", redisOk],
] as const)("%s event bus", (kind, available) => {
  it.runIf(available)("delivers a user's events in order to that user's subscribers only", async () => {
    const prefix = `cvflow-etest-${randomBytes(4).toString("hex")}`;
    const publisher: EventBus =
      kind === "memory" ? createMemoryEventBus() : await createRedisEventBus(REDIS_URL, prefix);
    const subscriber: EventBus = kind === "memory" ? publisher : await createRedisEventBus(REDIS_URL, prefix);
    try {
      const alice = randomUUID();
      const bob = randomUUID();
      const got: ProgressEvent[] = [];
      const gotBob: ProgressEvent[] = [];
      const off = await subscriber.subscribe(alice, (e) => got.push(e));
      await subscriber.subscribe(bob, (e) => gotBob.push(e));
      for (let i = 0; i < 20; i++) await publisher.publish(event(alice, i));
      for (let i = 0; i < 100 && got.length < 20; i++) await new Promise((r) => setTimeout(r, 10));
      expect(got.map((e) => (e.type === "cv_progress" ? e.progress : -1))).toEqual([...Array(20).keys()]);
      expect(gotBob).toEqual([]);

      await off();
      await publisher.publish(event(alice, 99));
      await new Promise((r) => setTimeout(r, 50));
      expect(got).toHaveLength(20);
    } finally {
      await publisher.close();
      if (subscriber !== publisher) await subscriber.close();
    }
  });
});

describe("redis event bus batching", () => {
  it.runIf(redisOk)(
    "sends the events of one turn as one message per user, in order, and reads single-event messages too",
    async () => {
      const prefix = `cvflow-etest-${randomBytes(4).toString("hex")}`;
      const publisher = await createRedisEventBus(REDIS_URL, prefix);
      const subscriber = await createRedisEventBus(REDIS_URL, prefix);
      const raw = new Redis(REDIS_URL);
      const watcher = new Redis(REDIS_URL);
      try {
        const alice = randomUUID();
        const bob = randomUUID();
        const got: number[] = [];
        const gotBob: number[] = [];
        await subscriber.subscribe(alice, (e) => got.push(e.type === "cv_progress" ? e.progress : -1));
        await subscriber.subscribe(bob, (e) => gotBob.push(e.type === "cv_progress" ? e.progress : -1));
        const messages: string[] = [];
        await watcher.ping();
        await watcher.psubscribe(`${prefix}:events:*`);
        watcher.on("pmessage", (_p: string, _c: string, m: string) => messages.push(m));

        // Interleaved, all in one turn.
        await Promise.all(
          [...Array(30).keys()].map((i) => publisher.publish(event(i % 2 === 0 ? alice : bob, i))),
        );
        // An older worker's message (one event); a malformed event is dropped without its neighbour.
        await raw.publish(`${prefix}:events:${alice}`, JSON.stringify(event(alice, 97)));
        await raw.publish(
          `${prefix}:events:${alice}`,
          JSON.stringify([{ type: "nonsense" }, event(alice, 98)]),
        );
        await publisher.publish(event(alice, 99));
        for (let i = 0; i < 200 && (got.length < 18 || gotBob.length < 15); i++)
          await new Promise((r) => setTimeout(r, 10));

        expect(got).toEqual([...[...Array(30).keys()].filter((i) => i % 2 === 0), 97, 98, 99]);
        expect(gotBob).toEqual([...Array(30).keys()].filter((i) => i % 2 === 1));
        // One message per user for the 30 events of the first turn.
        expect(messages.filter((m) => m.startsWith("[") && JSON.parse(m).length === 15)).toHaveLength(2);
      } finally {
        raw.disconnect();
        watcher.disconnect();
        await publisher.close();
        await subscriber.close();
      }
    },
  );
});

// One contract, two adapters: the in-process bus and Redis pub/sub (across two bus instances, as
// between a worker process and an API process).
import { randomBytes, randomUUID } from "node:crypto";
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

// One contract, two adapters: the in-process queue and BullMQ on a real Redis.
import { randomBytes, randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { createBullmqQueue } from "../../src/adapters/bullmq-queue.ts";
import { createMemoryQueue } from "../../src/adapters/memory-queue.ts";
import { type JobQueue, type ProcessCvJob, UnrecoverableJobError } from "../../src/ports.ts";
import { clearRedisPrefix, distributedServicesAvailable, REDIS_URL } from "../support/services.ts";

const redisOk = await distributedServicesAvailable();
const job = (): ProcessCvJob => ({ cvId: randomUUID(), runId: randomUUID() });
const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
};

describe.each([
  ["memory", true],
  ["bullmq", redisOk],
] as const)("%s queue", (kind, available) => {
  let queue: JobQueue | null = null;
  let prefix = "";

  const open = async () => {
    prefix = `cvflow-qtest-${randomBytes(4).toString("hex")}`;
    queue =
      kind === "memory"
        ? createMemoryQueue({ attempts: 3, backoffMs: 10 })
        : await createBullmqQueue({
            redisUrl: REDIS_URL,
            prefix,
            attempts: 3,
            backoffMs: 10,
            lockMs: 5000,
            stalledCheckMs: 5000,
          });
    return queue;
  };
  afterEach(async () => {
    await queue?.close();
    queue = null;
    if (kind === "bullmq") await clearRedisPrefix(prefix);
  });

  it.runIf(available)("runs every job once with bounded concurrency", async () => {
    const q = await open();
    let running = 0;
    let peak = 0;
    const done: string[] = [];
    await q.startWorker(
      async (j) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        done.push(j.cvId);
      },
      { concurrency: 3, onFinalFailure: async () => {} },
    );
    const jobs = Array.from({ length: 12 }, job);
    await q.enqueue(jobs);
    await until(() => done.length === 12);
    expect(new Set(done)).toEqual(new Set(jobs.map((j) => j.cvId)));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it.runIf(available)("holds concurrency + prefetch jobs at once while there is work", async () => {
    const q = await open();
    let running = 0;
    let peak = 0;
    let done = 0;
    await q.startWorker(
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 100));
        running--;
        done++;
      },
      { concurrency: 2, prefetch: 3, onFinalFailure: async () => {} },
    );
    await q.enqueue(Array.from({ length: 20 }, job));
    await until(() => done === 20);
    expect(peak).toBe(5);
  });

  it.runIf(available)("retries a failing job, then reports the final failure", async () => {
    const q = await open();
    const attempts: number[] = [];
    const finals: string[] = [];
    await q.startWorker(
      async (_j, attempt) => {
        attempts.push(attempt);
        throw new Error("flaky");
      },
      { concurrency: 1, onFinalFailure: async (_j, e) => void finals.push(e.message) },
    );
    await q.enqueue([job()]);
    await until(() => finals.length === 1);
    expect(attempts).toEqual([1, 2, 3]);
    expect(finals[0]).toMatch(/flaky/);
  });

  it.runIf(available)("does not retry an unrecoverable error", async () => {
    const q = await open();
    let calls = 0;
    const finals: string[] = [];
    await q.startWorker(
      async () => {
        calls++;
        throw new UnrecoverableJobError("corrupt file");
      },
      { concurrency: 1, onFinalFailure: async (_j, e) => void finals.push(e.message) },
    );
    await q.enqueue([job()]);
    await until(() => finals.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(1);
    expect(finals[0]).toMatch(/corrupt file/);
  });

  it.runIf(available)("runs higher-priority jobs first", async () => {
    const q = await open();
    const low = Array.from({ length: 3 }, job);
    const high = Array.from({ length: 3 }, job);
    await q.enqueue(low, { priority: 0 });
    await q.enqueue(high, { priority: 10 });
    expect(await q.waitingCount()).toBe(6);
    const order: string[] = [];
    await q.startWorker(async (j) => void order.push(j.cvId), {
      concurrency: 1,
      onFinalFailure: async () => {},
    });
    await until(() => order.length === 6);
    expect(order.slice(0, 3).sort()).toEqual(high.map((j) => j.cvId).sort());
  });
});

describe.runIf(redisOk)("bullmq worker", () => {
  it("starts a batch's jobs before it has fetched all it may hold, batch after batch", async () => {
    const prefix = `cvflow-qtest-${randomBytes(4).toString("hex")}`;
    const q = await createBullmqQueue({
      redisUrl: REDIS_URL,
      prefix,
      attempts: 1,
      backoffMs: 10,
      lockMs: 5000,
      stalledCheckMs: 5000,
    });
    const probeConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const probe = new Queue("process-cv", { connection: probeConnection, prefix });
    try {
      const BATCH = 40; // concurrency + prefetch: the worker ends up running the whole batch
      let started = 0;
      let done = 0;
      const activeAtSecondStart: number[] = [];
      const held: Array<() => void> = [];
      await q.startWorker(
        async () => {
          started++;
          if (started % BATCH === 2) activeAtSecondStart.push(await probe.getActiveCount());
          await new Promise<void>((resolve) => held.push(resolve));
          done++;
        },
        { concurrency: 20, prefetch: 20, onFinalFailure: async () => {} },
      );
      for (let round = 1; round <= 2; round++) {
        await q.enqueue(Array.from({ length: BATCH }, job));
        await until(() => started === BATCH * round);
        for (const release of held.splice(0)) release();
        await until(() => done === BATCH * round);
      }
      // An idle worker starts the first job it is woken with at once. Filling its whole window
      // before starting the next, it would have taken all 40 before the second started.
      expect(activeAtSecondStart).toHaveLength(2);
      for (const active of activeAtSecondStart) expect(active).toBeLessThanOrEqual(20);
    } finally {
      await q.close();
      await probe.close();
      probeConnection.disconnect();
      await clearRedisPrefix(prefix);
    }
  });
});

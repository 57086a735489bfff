// One contract, two adapters: the in-process queue and BullMQ on a real Redis.
import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createBullmqQueue } from "../../src/adapters/bullmq-queue.ts";
import { createMemoryQueue } from "../../src/adapters/memory-queue.ts";
import { type JobQueue, type ProcessCvJob, UnrecoverableJobError } from "../../src/ports.ts";
import { clearRedisPrefix, distributedServicesAvailable, REDIS_URL } from "../support/services.ts";

const redisOk = await distributedServicesAvailable();
const job = (): ProcessCvJob => ({ cvId: randomUUID(), runId: randomUUID() });

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

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(check()).toBe(true);
  };

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

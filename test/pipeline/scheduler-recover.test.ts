// Start-up recovery: CVs a stopped process left queued or processing go back to the queue with
// their batch's priority. The queue here records what it is given (a test double of the port).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMemoryEventBus } from "../../src/adapters/memory-events.ts";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { cvBatches, cvs } from "../../src/db/schema.ts";
import { createScheduler } from "../../src/pipeline/scheduler.ts";
import type { JobQueue, ProcessCvJob } from "../../src/ports.ts";
import { createBatchProgressPublisher } from "../../src/progress/batch-progress.ts";
import { createBatch, createUser } from "../support/db-fixtures.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openMemoryPglite();
  await handle.migrate();
});
afterAll(async () => {
  await handle.close();
});

it("re-queues unfinished CVs with their batch priority and resets processing ones", async () => {
  const db = handle.db;
  const enqueued: Array<{ jobs: ProcessCvJob[]; priority: number }> = [];
  const queue: JobQueue = {
    enqueue: async (jobs, options) => void enqueued.push({ jobs, priority: options?.priority ?? 0 }),
    startWorker: async () => {},
    waitingCount: async () => 0,
    ping: async () => {},
    close: async () => {},
  };
  const events = createMemoryEventBus();
  const scheduler = createScheduler({
    db,
    queue,
    events,
    batchProgress: createBatchProgressPublisher({
      events,
      queueStatus: async () => ({}) as never,
      intervalMs: 0,
    }),
    queueStatus: { defaultCvSeconds: 40, defaultParallelism: 1, detailLimit: 10 },
  });
  const user = await createUser(db);
  const urgent = await createBatch(db, user, null, "urgent");
  await db.update(cvBatches).set({ priority: 5 }).where(eq(cvBatches.id, urgent));
  const normal = await createBatch(db, user, null, "normal");
  const add = async (batchId: string, status: "queued" | "processing" | "completed") => {
    const [row] = await db
      .insert(cvs)
      .values({
        batchId,
        userId: user,
        filename: "a.pdf",
        mimeType: "application/pdf",
        sizeBytes: 1,
        sha256: randomUUID(),
        storageKey: "k",
        status,
        runId: randomUUID(),
      })
      .returning({ id: cvs.id });
    return row!.id;
  };
  const a = await add(urgent, "processing");
  const b = await add(normal, "queued");
  await add(normal, "completed");

  expect(await scheduler.recover({ resetProcessing: true, olderThanMs: 0 })).toEqual({
    requeued: 2,
    failed: 0,
  });
  const byPriority = Object.fromEntries(enqueued.map((e) => [e.priority, e.jobs.map((j) => j.cvId)]));
  expect(byPriority).toEqual({ 5: [a], 0: [b] });
  const rows = await db.select({ id: cvs.id, status: cvs.status }).from(cvs);
  expect(rows.find((r) => r.id === a)?.status).toBe("queued");
});

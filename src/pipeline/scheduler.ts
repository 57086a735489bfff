// Puts CVs in the queue: a batch on request, one CV on retry, and at start-up whatever a stopped
// process left queued or processing. Each queuing starts a new processing run (a new run id), so
// results of an older run can never be written over the new one's.
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvBatches, cvStageTimings, cvs, jobDescriptions, llmUsage } from "../db/schema.ts";
import type { EventBus, JobQueue } from "../ports.ts";
import type { BatchProgressPublisher } from "../progress/batch-progress.ts";
import { STAGE_MESSAGES } from "../progress/events.ts";
import { getQueueStatus, type QueueStatusOptions } from "../progress/queue-status.ts";
import type { Scheduler } from "../runtime-types.ts";

export interface SchedulerDeps {
  db: Database;
  queue: JobQueue;
  events: EventBus;
  batchProgress: BatchProgressPublisher;
  queueStatus: Omit<QueueStatusOptions, "now">;
}

const ENQUEUE_CHUNK = 100;

const RESET_RESULTS = {
  status: "queued" as const,
  attempts: 0, // a new processing run counts its own attempts
  stage: "QUEUED",
  progress: 0,
  error: null,
  warnings: [],
  runId: sql`gen_random_uuid()`,
  queuedAt: sql`now()`,
  startedAt: null,
  processedAt: null,
  parsedData: null,
  extraction: null,
  jdMatchScore: null,
  jdMatchData: null,
  githubAnalysis: null,
  shortlisted: false,
  updatedAt: sql`now()`,
};

export function createScheduler(deps: SchedulerDeps): Scheduler & {
  /**
   * Re-queues CVs left queued or processing for longer than `olderThanMs`. With `resetProcessing`
   * and `failAfterAttempts`, a processing CV already started that many times fails instead.
   */
  recover(options: {
    resetProcessing: boolean;
    olderThanMs: number;
    failAfterAttempts?: number;
  }): Promise<{ requeued: number; failed: number }>;
} {
  const { db } = deps;

  const enqueueRuns = async (
    rows: Array<{ id: string; runId: string | null; filename: string; batchId: string; userId: string }>,
    priority: number,
    jdTitle: string | null,
  ) => {
    if (rows.length === 0) return;
    // Queue status lists queued CVs by (queued_at, id), and a batch is queued in one statement, so they
    // share queued_at: enqueue them in id order, so the queue positions shown are the order they run in.
    const ordered = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Each CV is announced before its job exists, so no worker's DOWNLOADING can overtake its
    // QUEUED; in chunks, so workers start on the first CVs while the rest are announced.
    for (let i = 0; i < ordered.length; i += ENQUEUE_CHUNK) {
      const chunk = ordered.slice(i, i + ENQUEUE_CHUNK);
      await Promise.all(
        chunk.map((r) =>
          deps.events.publish({
            type: "cv_progress",
            user_id: r.userId,
            cv_id: r.id,
            batch_id: r.batchId,
            progress: 0,
            status: STAGE_MESSAGES.QUEUED,
            stage: "QUEUED",
            filename: r.filename,
            jd_title: jdTitle,
            timestamp: Date.now(),
          }),
        ),
      );
      await deps.queue.enqueue(
        chunk.map((r) => ({ cvId: r.id, runId: r.runId! })),
        { priority },
      );
    }
    const first = rows[0]!;
    deps.batchProgress.request(first.batchId, first.userId, true);
  };

  const batchInfo = async (userId: string, batchId: string) => {
    const rows = await db
      .select({ priority: cvBatches.priority, jdTitle: jobDescriptions.title })
      .from(cvBatches)
      .leftJoin(jobDescriptions, eq(jobDescriptions.id, cvBatches.jobDescriptionId))
      .where(and(eq(cvBatches.id, batchId), eq(cvBatches.userId, userId)));
    return rows[0] ?? null;
  };

  const returning = {
    id: cvs.id,
    runId: cvs.runId,
    filename: cvs.filename,
    batchId: cvs.batchId,
    userId: cvs.userId,
  };

  return {
    async queueBatch(userId, batchId) {
      const batch = await batchInfo(userId, batchId);
      if (!batch) return { queued: 0 };
      const rows = await db
        .update(cvs)
        .set(RESET_RESULTS)
        .where(
          and(eq(cvs.batchId, batchId), eq(cvs.userId, userId), inArray(cvs.status, ["uploaded", "failed"])),
        )
        .returning(returning);
      try {
        await enqueueRuns(rows, batch.priority, batch.jdTitle);
      } catch (error) {
        // The queue is down: give the CVs back their state so a later request can queue them.
        await db
          .update(cvs)
          .set({ status: "uploaded", stage: null, runId: null, queuedAt: null })
          .where(
            inArray(
              cvs.id,
              rows.map((r) => r.id),
            ),
          );
        throw error;
      }
      return { queued: rows.length };
    },

    async retryCv(userId, cvId) {
      const rows = await db.transaction(async (tx) => {
        const updated = await tx
          .update(cvs)
          .set(RESET_RESULTS)
          .where(and(eq(cvs.id, cvId), eq(cvs.userId, userId)))
          .returning(returning);
        if (updated.length > 0) {
          // A rerun replaces the results of the previous one; nothing is kept twice.
          await tx.delete(cvStageTimings).where(eq(cvStageTimings.cvId, cvId));
          await tx.delete(llmUsage).where(eq(llmUsage.cvId, cvId));
        }
        return updated;
      });
      const cv = rows[0];
      if (!cv) return false;
      const batch = await batchInfo(userId, cv.batchId);
      await enqueueRuns(rows, batch?.priority ?? 0, batch?.jdTitle ?? null);
      return true;
    },

    queueStatus(batchId) {
      return getQueueStatus(db, batchId, deps.queueStatus);
    },

    async recover({ resetProcessing, olderThanMs, failAfterAttempts }) {
      const cutoff = new Date(Date.now() - olderThanMs);
      // A CV that was being processed each time the process died (a native crash or an out-of-memory
      // kill on a hostile file, say) would otherwise take it down again at every start.
      const failed =
        resetProcessing && failAfterAttempts !== undefined
          ? await db
              .update(cvs)
              .set({
                status: "failed",
                stage: "FAILED",
                progress: 100,
                error: sql`'processing stopped ' || ${cvs.attempts} || ' times with the process (a crash or a kill) while on this CV; it is not retried automatically'`,
                processedAt: sql`now()`,
                updatedAt: sql`now()`,
              })
              .where(
                and(
                  eq(cvs.status, "processing"),
                  gte(cvs.attempts, failAfterAttempts),
                  lt(cvs.updatedAt, cutoff),
                ),
              )
              .returning({ id: cvs.id })
          : [];
      const where = and(inArray(cvs.status, ["queued", "processing"]), lt(cvs.updatedAt, cutoff));
      // At embedded start-up nothing can still be running, so processing CVs go back to queued.
      // Elsewhere a live worker may be in a long stage: the status is left alone and only the job
      // is re-added under its run id, which BullMQ ignores while it still holds that job.
      const stale = resetProcessing
        ? await db
            .update(cvs)
            .set({ status: "queued", stage: "QUEUED", progress: 0, updatedAt: sql`now()` })
            .where(where)
            .returning({ id: cvs.id, runId: cvs.runId, batchId: cvs.batchId })
        : await db.select({ id: cvs.id, runId: cvs.runId, batchId: cvs.batchId }).from(cvs).where(where);
      // Back in the queue with their batch's priority, in batches of one priority each.
      const priorities = new Map(
        (stale.length === 0
          ? []
          : await db
              .select({ id: cvBatches.id, priority: cvBatches.priority })
              .from(cvBatches)
              .where(inArray(cvBatches.id, [...new Set(stale.map((r) => r.batchId))]))
        ).map((b) => [b.id, b.priority]),
      );
      const byPriority = new Map<number, Array<{ cvId: string; runId: string }>>();
      const jobs = stale.filter((r) => r.runId);
      for (const r of jobs) {
        const priority = priorities.get(r.batchId) ?? 0;
        const group = byPriority.get(priority) ?? [];
        group.push({ cvId: r.id, runId: r.runId! });
        byPriority.set(priority, group);
      }
      for (const [priority, group] of byPriority) await deps.queue.enqueue(group, { priority });
      return { requeued: jobs.length, failed: failed.length };
    },
  };
}

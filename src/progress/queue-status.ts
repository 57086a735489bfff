// The documented queue-status shape of a batch, from three aggregation queries on indexed columns.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvs } from "../db/schema.ts";
import { estimateBatchTime } from "./eta.ts";
import type { QueueStatus } from "./events.ts";

export interface QueueStatusOptions {
  /** Service time assumed before any CV has completed. */
  defaultCvSeconds: number;
  /** Parallelism assumed while nothing of the batch runs yet (the worker concurrency). */
  defaultParallelism: number;
  /** How many queued CVs get an individual entry in `queue_details`. */
  detailLimit: number;
  now?: Date;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function getQueueStatus(
  db: Database,
  batchId: string,
  options: QueueStatusOptions,
): Promise<QueueStatus> {
  const now = options.now ?? new Date();
  const [counts, timing, queued] = await Promise.all([
    db
      .select({ status: cvs.status, n: sql<number>`count(*)::int` })
      .from(cvs)
      .where(eq(cvs.batchId, batchId))
      .groupBy(cvs.status),
    db
      .select({
        avg: sql<number | null>`avg(extract(epoch from (${cvs.processedAt} - ${cvs.startedAt})))
          filter (where ${cvs.status} = 'completed')::float8`,
        running: sql<
          number[] | null
        >`array_agg(extract(epoch from (${now.toISOString()}::timestamptz - ${cvs.startedAt}))::float8)
          filter (where ${cvs.status} = 'processing')`,
      })
      .from(cvs)
      .where(and(eq(cvs.batchId, batchId), sql`${cvs.status} in ('completed', 'processing')`)),
    db
      .select({ id: cvs.id, filename: cvs.filename })
      .from(cvs)
      .where(and(eq(cvs.batchId, batchId), eq(cvs.status, "queued")))
      .orderBy(asc(cvs.queuedAt), asc(cvs.id))
      .limit(options.detailLimit),
  ]);

  const count = (status: string) => counts.find((c) => c.status === status)?.n ?? 0;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const completed = count("completed");
  const failed = count("failed");
  const processing = count("processing");
  const queuedCount = count("queued");
  const avg = timing[0]?.avg ?? options.defaultCvSeconds;
  const running = (timing[0]?.running ?? []).map((s) => Math.max(0, s));
  const parallelism = running.length > 0 ? running.length : Math.min(options.defaultParallelism, queuedCount);

  const eta = estimateBatchTime({
    avgServiceSeconds: avg,
    runningElapsedSeconds: running,
    queuedCount,
    parallelism,
    detailLimit: options.detailLimit,
  });
  const estimated = Math.round(eta.estimatedSeconds);
  return {
    batch_id: batchId,
    total_cvs: total,
    queued: queuedCount,
    processing,
    completed,
    failed,
    percentage: total === 0 ? 0 : round1(((completed + failed) / total) * 100),
    avg_processing_time_seconds: round1(avg),
    estimated_time_seconds: estimated,
    estimated_time_minutes: round1(estimated / 60),
    queue_details: queued.map((cv, i) => ({
      cv_id: cv.id,
      filename: cv.filename,
      queue_position: i + 1,
      estimated_wait_seconds: Math.round(eta.queuedWaitSeconds[i] ?? 0),
    })),
  };
}

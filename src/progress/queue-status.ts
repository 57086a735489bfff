// The documented queue-status shape of a batch, from three aggregation queries on indexed columns.
import { and, asc, eq, sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/database.ts";
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
  const [[stats], queued] = await Promise.all([
    // One pass over the batch's index entries (covering index cvs_batch_status_times_idx).
    queryRows<{
      total: number;
      queued: number;
      processing: number;
      completed: number;
      failed: number;
      avg: number | null;
      running: number[] | null;
    }>(
      db,
      sql`
      select count(*)::int as total,
        (count(*) filter (where status = 'queued'))::int as queued,
        (count(*) filter (where status = 'processing'))::int as processing,
        (count(*) filter (where status = 'completed'))::int as completed,
        (count(*) filter (where status = 'failed'))::int as failed,
        (avg(extract(epoch from (processed_at - started_at))) filter (where status = 'completed'))::float8 as avg,
        array_agg(extract(epoch from (${now.toISOString()}::timestamptz - started_at))::float8)
          filter (where status = 'processing') as running
      from ${cvs} where batch_id = ${batchId}`,
    ),
    db
      .select({ id: cvs.id, filename: cvs.filename })
      .from(cvs)
      .where(and(eq(cvs.batchId, batchId), eq(cvs.status, "queued")))
      .orderBy(asc(cvs.queuedAt), asc(cvs.id))
      .limit(options.detailLimit),
  ]);

  const total = stats?.total ?? 0;
  const completed = stats?.completed ?? 0;
  const failed = stats?.failed ?? 0;
  const processing = stats?.processing ?? 0;
  const queuedCount = stats?.queued ?? 0;
  const avg = stats?.avg ?? options.defaultCvSeconds;
  const running = parseFloatArray(stats?.running).map((s) => Math.max(0, s));
  const parallelism = running.length > 0 ? running.length : Math.min(options.defaultParallelism, queuedCount);

  const eta = estimateBatchTime({
    avgServiceSeconds: avg,
    runningElapsedSeconds: running,
    queuedCount,
    parallelism,
    detailLimit: options.detailLimit,
  });
  // While anything is left, never announce "0 seconds".
  const estimated = queuedCount + processing > 0 ? Math.max(1, Math.ceil(eta.estimatedSeconds)) : 0;
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

// node-postgres parses float8[]; PGlite in raw mode may hand back the text form "{1.5,2}".
function parseFloatArray(value: number[] | string | null | undefined): number[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.map(Number);
  return value.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}

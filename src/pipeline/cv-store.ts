// The pipeline's reads and writes. Every write names the processing run it belongs to, so a
// worker whose run was superseded (a retry, or a job taken over after a stall) changes nothing.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvBatches, cvStageTimings, cvs, jobDescriptions } from "../db/schema.ts";
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import { jdRequirementsSchema } from "../matching/jd-schema.ts";
import type { Stage } from "../progress/events.ts";
import { STAGE_PROGRESS } from "../progress/events.ts";

export interface RunContext {
  cvId: string;
  runId: string;
  userId: string;
  batchId: string;
  filename: string;
  storageKey: string;
  shortlistThreshold: number | null;
  jd: (JobDescriptionInput & { id: string }) | null;
}

export interface StageTiming {
  stage: Stage;
  startedAt: Date;
  durationMs: number;
}

export interface RunResults {
  extraction: unknown;
  parsedData: unknown;
  jdMatchScore: number | null;
  jdMatchData: unknown;
  githubAnalysis: unknown;
  warnings: string[];
  shortlisted: boolean;
}

/** Marks the CV as processing for this run; null when the run is stale or already finished. */
export async function claimRun(db: Database, cvId: string, runId: string): Promise<RunContext | null> {
  const claimed = await db
    .update(cvs)
    .set({
      status: "processing",
      stage: "DOWNLOADING",
      progress: STAGE_PROGRESS.DOWNLOADING,
      startedAt: sql`now()`,
      attempts: sql`${cvs.attempts} + 1`,
      error: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(cvs.id, cvId), eq(cvs.runId, runId), inArray(cvs.status, ["queued", "processing"])))
    .returning({
      userId: cvs.userId,
      batchId: cvs.batchId,
      filename: cvs.filename,
      storageKey: cvs.storageKey,
    });
  const cv = claimed[0];
  if (!cv) return null;
  // The JD is fetched at run time from the batch, so any worker can take any account's CV.
  const rows = await db
    .select({ batch: cvBatches, jd: jobDescriptions })
    .from(cvBatches)
    .leftJoin(jobDescriptions, eq(jobDescriptions.id, cvBatches.jobDescriptionId))
    .where(eq(cvBatches.id, cv.batchId));
  const row = rows[0];
  const jd = row?.jd
    ? {
        id: row.jd.id,
        title: row.jd.title,
        description: row.jd.description,
        location: row.jd.location,
        requirements: jdRequirementsSchema.parse(row.jd.requirements ?? {}),
      }
    : null;
  return {
    cvId,
    runId,
    ...cv,
    shortlistThreshold: row?.batch.shortlistThreshold ?? null,
    jd,
  };
}

export async function setStage(db: Database, run: RunContext, stage: Stage): Promise<boolean> {
  const rows = await db
    .update(cvs)
    .set({ stage, progress: STAGE_PROGRESS[stage], updatedAt: sql`now()` })
    .where(and(eq(cvs.id, run.cvId), eq(cvs.runId, run.runId), eq(cvs.status, "processing")))
    .returning({ id: cvs.id });
  return rows.length > 0;
}

async function saveTimings(db: Database, cvId: string, timings: StageTiming[]): Promise<void> {
  if (timings.length === 0) return;
  await db
    .insert(cvStageTimings)
    .values(timings.map((t) => ({ cvId, stage: t.stage, startedAt: t.startedAt, durationMs: t.durationMs })))
    .onConflictDoUpdate({
      target: [cvStageTimings.cvId, cvStageTimings.stage],
      set: { startedAt: sql`excluded.started_at`, durationMs: sql`excluded.duration_ms` },
    });
}

/** Stores the results and marks the CV completed; false when this run no longer owns the CV. */
export async function completeRun(
  db: Database,
  run: RunContext,
  results: RunResults,
  timings: StageTiming[],
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(cvs)
      .set({
        status: "completed",
        stage: "COMPLETED",
        progress: 100,
        error: null,
        extraction: results.extraction,
        parsedData: results.parsedData,
        jdMatchScore: results.jdMatchScore,
        jdMatchData: results.jdMatchData,
        githubAnalysis: results.githubAnalysis,
        warnings: results.warnings,
        shortlisted: results.shortlisted,
        processedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(cvs.id, run.cvId), eq(cvs.runId, run.runId), eq(cvs.status, "processing")))
      .returning({ id: cvs.id });
    if (rows.length === 0) return false;
    await saveTimings(tx as unknown as Database, run.cvId, timings);
    return true;
  });
}

/** Marks the CV failed with a reason a recruiter can read. */
export async function failRun(
  db: Database,
  cvId: string,
  runId: string,
  error: string,
  timings: StageTiming[] = [],
): Promise<boolean> {
  const rows = await db
    .update(cvs)
    .set({
      status: "failed",
      stage: "FAILED",
      progress: 100,
      error,
      processedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(cvs.id, cvId), eq(cvs.runId, runId), inArray(cvs.status, ["queued", "processing"])))
    .returning({ id: cvs.id });
  if (rows.length > 0) await saveTimings(db, cvId, timings);
  return rows.length > 0;
}

/** Puts the CV back in the queue between attempts, keeping the reason as a warning. */
export async function returnToQueue(db: Database, run: RunContext, reason: string): Promise<boolean> {
  const rows = await db
    .update(cvs)
    .set({
      status: "queued",
      stage: "QUEUED",
      progress: 0,
      warnings: sql`${cvs.warnings} || ${JSON.stringify([reason])}::jsonb`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(cvs.id, run.cvId), eq(cvs.runId, run.runId), eq(cvs.status, "processing")))
    .returning({ id: cvs.id });
  return rows.length > 0;
}

/** Who a CV belongs to, for events about a job that never got a run context. */
export async function cvIdentity(db: Database, cvId: string) {
  const rows = await db
    .select({
      userId: cvs.userId,
      batchId: cvs.batchId,
      filename: cvs.filename,
      runId: cvs.runId,
      jdTitle: jobDescriptions.title,
    })
    .from(cvs)
    .innerJoin(cvBatches, eq(cvBatches.id, cvs.batchId))
    .leftJoin(jobDescriptions, eq(jobDescriptions.id, cvBatches.jobDescriptionId))
    .where(eq(cvs.id, cvId));
  return rows[0] ?? null;
}

// The pipeline's reads and writes. Every write names the processing run it belongs to, so a
// worker whose run was superseded (a retry, or a job taken over after a stall) changes nothing.
// The multi-row writes pass their rows as one JSON parameter (jsonb_to_recordset): the statement is
// the same text whatever the batch size, and building it costs Drizzle nothing per row.
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/database.ts";
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

/**
 * Marks CVs as processing for their runs and reads what each run needs, many CVs in one statement.
 * A CV whose run is stale or already finished gets null. The JD is read here, at run time, from the
 * batch, so any worker can take any account's CV.
 */
export async function claimRuns(
  db: Database,
  claims: Array<{ cvId: string; runId: string }>,
): Promise<Array<RunContext | null>> {
  if (claims.length === 0) return [];
  const values = JSON.stringify(claims.map((c) => ({ id: c.cvId, run_id: c.runId })));
  const rows = await queryRows<{
    id: string;
    run_id: string;
    user_id: string;
    batch_id: string;
    filename: string;
    storage_key: string;
    shortlist_threshold: number | null;
    jd_id: string | null;
    jd_title: string | null;
    jd_description: string | null;
    jd_location: string | null;
    jd_requirements: unknown;
  }>(
    db,
    sql`
    with claimed as (
      update ${cvs} set status = 'processing', stage = 'DOWNLOADING', progress = ${STAGE_PROGRESS.DOWNLOADING},
        started_at = now(), attempts = attempts + 1, error = null, updated_at = now()
      from jsonb_to_recordset(${values}::jsonb) as v(id uuid, run_id uuid)
      where ${cvs.id} = v.id and ${cvs.runId} = v.run_id and ${cvs.status} in ('queued', 'processing')
      returning ${cvs.id} as id, ${cvs.runId} as run_id, ${cvs.userId} as user_id, ${cvs.batchId} as batch_id,
        ${cvs.filename} as filename, ${cvs.storageKey} as storage_key
    )
    select c.*, b.shortlist_threshold, jd.id as jd_id, jd.title as jd_title, jd.description as jd_description,
      jd.location as jd_location, jd.requirements as jd_requirements
    from claimed c
    join ${cvBatches} b on b.id = c.batch_id
    left join ${jobDescriptions} jd on jd.id = b.job_description_id`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return claims.map(({ cvId, runId }) => {
    const row = byId.get(cvId);
    if (!row || row.run_id !== runId) return null;
    return {
      cvId,
      runId,
      userId: row.user_id,
      batchId: row.batch_id,
      filename: row.filename,
      storageKey: row.storage_key,
      shortlistThreshold: row.shortlist_threshold,
      jd: row.jd_id
        ? {
            id: row.jd_id,
            title: row.jd_title ?? "",
            description: row.jd_description ?? "",
            location: row.jd_location,
            requirements: jdRequirementsSchema.parse(parseJson(row.jd_requirements) ?? {}),
          }
        : null,
    };
  });
}

// node-postgres parses jsonb in raw queries; PGlite may hand back text.
function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

/**
 * Intermediate stage changes are informational (events carry them live), so they are written
 * behind, many CVs in one statement: one UPDATE per flush instead of one per CV and stage. Only
 * the latest stage of each CV is kept, and a CV that has since completed or failed is left alone.
 */
export function createStageWriter(
  db: Database,
  options: {
    flushMs: number;
    onError: (e: unknown) => void;
    /** Serialises this writer's statements with the pipeline's other multi-row writes. */
    lane?: <T>(write: () => Promise<T>) => Promise<T>;
  },
) {
  const lane = options.lane ?? ((write) => write());
  const pending = new Map<string, { runId: string; stage: Stage }>();
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.size === 0) return chain;
    const rows = [...pending.entries()];
    pending.clear();
    const values = JSON.stringify(
      rows.map(([id, r]) => ({ id, run_id: r.runId, stage: r.stage, progress: STAGE_PROGRESS[r.stage] })),
    );
    // Flushes run one after another, so an older stage never lands after a newer one.
    chain = chain
      .then(() =>
        lane(() =>
          db.execute(sql`
          update ${cvs} set stage = v.stage, progress = v.progress, updated_at = now()
          from jsonb_to_recordset(${values}::jsonb) as v(id uuid, run_id uuid, stage text, progress int)
          where ${cvs.id} = v.id and ${cvs.runId} = v.run_id and ${cvs.status} = 'processing'`),
        ),
      )
      .then(
        () => {},
        (error) => options.onError(error),
      );
    return chain;
  };

  return {
    set(cvId: string, runId: string, stage: Stage) {
      pending.set(cvId, { runId, stage });
      if (pending.size >= 200) void flush();
      else if (!timer) timer = setTimeout(() => void flush(), options.flushMs);
    },
    /** Drops a CV's pending stage: its final row is written directly. */
    forget(cvId: string) {
      pending.delete(cvId);
    },
    flush,
  };
}

export type StageWriter = ReturnType<typeof createStageWriter>;

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

export interface Completion {
  run: RunContext;
  results: RunResults;
  timings: StageTiming[];
}

/**
 * Stores the results, marks the CVs completed and records their stage timings, many CVs in one
 * statement (so atomically); false for a CV whose run no longer owns it.
 */
export async function completeRuns(db: Database, completions: Completion[]): Promise<boolean[]> {
  if (completions.length === 0) return [];
  const results = JSON.stringify(
    completions.map(({ run, results: r }) => ({
      id: run.cvId,
      run_id: run.runId,
      extraction: r.extraction ?? null,
      parsed_data: r.parsedData ?? null,
      jd_match_score: r.jdMatchScore,
      jd_match_data: r.jdMatchData ?? null,
      github_analysis: r.githubAnalysis ?? null,
      warnings: r.warnings,
      shortlisted: r.shortlisted,
    })),
  );
  const timings = JSON.stringify(
    completions.flatMap(({ run, timings }) =>
      timings.map((t) => ({
        cv_id: run.cvId,
        stage: t.stage,
        started_at: t.startedAt.toISOString(),
        duration_ms: t.durationMs,
      })),
    ),
  );
  const done = await queryRows<{ id: string }>(
    db,
    sql`
    with v as (
      select * from jsonb_to_recordset(${results}::jsonb) as v(id uuid, run_id uuid, extraction jsonb,
        parsed_data jsonb, jd_match_score int, jd_match_data jsonb, github_analysis jsonb, warnings jsonb,
        shortlisted boolean)
    ),
    done as (
      update ${cvs} set status = 'completed', stage = 'COMPLETED', progress = 100, error = null,
        extraction = v.extraction, parsed_data = v.parsed_data, jd_match_score = v.jd_match_score,
        jd_match_data = v.jd_match_data, github_analysis = v.github_analysis, warnings = v.warnings,
        shortlisted = v.shortlisted, processed_at = now(), updated_at = now()
      from v
      where ${cvs.id} = v.id and ${cvs.runId} = v.run_id and ${cvs.status} = 'processing'
      returning ${cvs.id} as id
    ), timings as (
      insert into ${cvStageTimings} (cv_id, stage, started_at, duration_ms)
      select t.cv_id, t.stage, t.started_at, t.duration_ms
      from jsonb_to_recordset(${timings}::jsonb) as t(cv_id uuid, stage text, started_at timestamptz, duration_ms real)
      join done on done.id = t.cv_id
      on conflict (cv_id, stage) do update set started_at = excluded.started_at, duration_ms = excluded.duration_ms
    )
    select id from done`,
  );
  const stored = new Set(done.map((d) => d.id));
  return completions.map((c) => stored.has(c.run.cvId));
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
      jdTitle: jobDescriptions.title,
    })
    .from(cvs)
    .innerJoin(cvBatches, eq(cvBatches.id, cvs.batchId))
    .leftJoin(jobDescriptions, eq(jobDescriptions.id, cvBatches.jobDescriptionId))
    .where(eq(cvs.id, cvId));
  return rows[0] ?? null;
}

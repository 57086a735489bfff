// The pipeline's SQL on both databases: PGlite and a fresh PostgreSQL database.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "../../src/db/database.ts";
import { openPostgres } from "../../src/db/postgres.ts";
import { cvStageTimings, cvs } from "../../src/db/schema.ts";
import {
  claimRuns,
  completeRuns,
  createStageWriter,
  failRun,
  type RunContext,
  type RunResults,
  returnToQueue,
  type StageTiming,
} from "../../src/pipeline/cv-store.ts";
import { createBatch, createJd, createUser } from "../support/db-fixtures.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";
import { createTestDatabase, distributedServicesAvailable, type TestDatabase } from "../support/services.ts";

const pgOk = await distributedServicesAvailable();

// One CV at a time through the multi-row statements the pipeline batches.
const claimRun = async (db: Database, cvId: string, runId: string) =>
  (await claimRuns(db, [{ cvId, runId }]))[0];
const completeRun = async (db: Database, run: RunContext, results: RunResults, timings: StageTiming[]) =>
  (await completeRuns(db, [{ run, results, timings }]))[0];

describe.each([
  ["pglite", true],
  ["postgres", pgOk],
] as const)("cv store on %s", (kind, available) => {
  let handle: DatabaseHandle;
  let testDb: TestDatabase | null = null;

  beforeAll(async () => {
    if (!available) return;
    if (kind === "pglite") handle = await openMemoryPglite();
    else {
      testDb = await createTestDatabase();
      handle = await openPostgres(testDb.url, 2);
    }
    await handle.migrate();
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  async function queuedCv(withJd: boolean) {
    const db = handle.db;
    const userId = await createUser(db);
    const jdId = withJd
      ? await createJd(db, userId, "Data Engineer", {
          required_skills: [{ skill: "SQL", importance: "critical" }],
        })
      : null;
    const batchId = await createBatch(db, userId, jdId);
    const runId = randomUUID();
    const [cv] = await db
      .insert(cvs)
      .values({
        batchId,
        userId,
        filename: "a.pdf",
        mimeType: "application/pdf",
        sizeBytes: 10,
        sha256: randomUUID(),
        storageKey: "k",
        status: "queued",
        runId,
      })
      .returning({ id: cvs.id });
    return { cvId: cv!.id, runId, userId, batchId };
  }

  const row = async (cvId: string) => (await handle.db.select().from(cvs).where(eq(cvs.id, cvId)))[0]!;

  it.runIf(available)("claims a queued CV once per attempt and reads its JD", async () => {
    const { cvId, runId, batchId } = await queuedCv(true);
    const run = await claimRun(handle.db, cvId, runId);
    expect(run).toMatchObject({ cvId, runId, batchId, filename: "a.pdf", storageKey: "k" });
    expect(run!.jd?.title).toBe("Data Engineer");
    expect(run!.jd?.requirements.required_skills[0]).toMatchObject({ skill: "SQL", importance: "critical" });
    expect(await row(cvId)).toMatchObject({
      status: "processing",
      stage: "DOWNLOADING",
      progress: 10,
      attempts: 1,
    });
    // A redelivered job of the same run (a stalled worker) claims again; another run cannot.
    expect(await claimRun(handle.db, cvId, runId)).not.toBeNull();
    expect((await row(cvId)).attempts).toBe(2);
    expect(await claimRun(handle.db, cvId, randomUUID())).toBeNull();
  });

  it.runIf(available)("completes atomically with timings, and only for the owning run", async () => {
    const { cvId, runId } = await queuedCv(false);
    const run = (await claimRun(handle.db, cvId, runId)) as RunContext;
    expect(run.jd).toBeNull();
    const results = {
      extraction: { pages: 1 },
      parsedData: { candidate_name: "A" },
      jdMatchScore: 77,
      jdMatchData: { overall_match_score: 77 },
      githubAnalysis: null,
      warnings: ["w"],
      shortlisted: true,
    };
    const timings = [
      { stage: "DOWNLOADING" as const, startedAt: new Date(), durationMs: 1.5 },
      { stage: "EXTRACTING" as const, startedAt: new Date(), durationMs: 12 },
    ];
    expect(await completeRun(handle.db, { ...run, runId: randomUUID() }, results, timings)).toBe(false);
    expect(await completeRun(handle.db, run, results, timings)).toBe(true);
    expect(await completeRun(handle.db, run, results, timings)).toBe(false);
    expect(await row(cvId)).toMatchObject({
      status: "completed",
      stage: "COMPLETED",
      progress: 100,
      jdMatchScore: 77,
      parsedData: { candidate_name: "A" },
      warnings: ["w"],
      shortlisted: true,
    });
    const t = await handle.db.select().from(cvStageTimings).where(eq(cvStageTimings.cvId, cvId));
    expect(t.map((x) => [x.stage, x.durationMs]).sort()).toEqual([
      ["DOWNLOADING", 1.5],
      ["EXTRACTING", 12],
    ]);
  });

  it.runIf(available)("writes stages behind in one statement and never over a finished CV", async () => {
    const a = await queuedCv(false);
    const b = await queuedCv(false);
    const runA = (await claimRun(handle.db, a.cvId, a.runId))!;
    await claimRun(handle.db, b.cvId, b.runId);
    const errors: unknown[] = [];
    const writer = createStageWriter(handle.db, { flushMs: 10_000, onError: (e) => errors.push(e) });
    writer.set(a.cvId, a.runId, "EXTRACTING");
    writer.set(a.cvId, a.runId, "PARSING_WITH_AI");
    writer.set(b.cvId, b.runId, "MATCHING_JD");
    await writer.flush();
    expect(errors).toEqual([]);
    expect(await row(a.cvId)).toMatchObject({ stage: "PARSING_WITH_AI", progress: 50 });
    expect(await row(b.cvId)).toMatchObject({ stage: "MATCHING_JD", progress: 70 });

    await failRun(handle.db, a.cvId, a.runId, "the file is corrupt");
    writer.set(a.cvId, a.runId, "FINALIZING");
    await writer.flush();
    expect(await row(a.cvId)).toMatchObject({
      status: "failed",
      stage: "FAILED",
      error: "the file is corrupt",
    });
    expect(await returnToQueue(handle.db, runA, "x")).toBe(false);
  });

  it.runIf(available)("claims a batch of CVs in one statement, skipping stale runs", async () => {
    const a = await queuedCv(true);
    const b = await queuedCv(false);
    const runs = await claimRuns(handle.db, [
      { cvId: a.cvId, runId: a.runId },
      { cvId: b.cvId, runId: randomUUID() },
      { cvId: b.cvId, runId: b.runId },
    ]);
    expect(runs.map((r) => r?.cvId ?? null)).toEqual([a.cvId, null, b.cvId]);
    expect(runs[0]!.jd?.title).toBe("Data Engineer");
    expect(runs[2]!.jd).toBeNull();
  });

  it.runIf(available)("returns a CV to the queue between attempts, keeping the reason", async () => {
    const { cvId, runId } = await queuedCv(false);
    const run = (await claimRun(handle.db, cvId, runId))!;
    expect(await returnToQueue(handle.db, run, "attempt 1 failed: timeout")).toBe(true);
    expect(await row(cvId)).toMatchObject({
      status: "queued",
      stage: "QUEUED",
      warnings: ["attempt 1 failed: timeout"],
    });
  });
});

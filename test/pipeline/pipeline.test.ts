// The same pipeline tests in both modes: embedded (PGlite, local disk, in-process queue and bus)
// and distributed (PostgreSQL, S3 via s3rver, BullMQ and Redis pub/sub).
import { eq } from "drizzle-orm";
import { PDFDocument as PdfLib } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvStageTimings, cvs } from "../../src/db/schema.ts";
import { createOfflineEngine } from "../../src/pipeline/engine.ts";
import { batchProgressEventSchema, cvProgressEventSchema } from "../../src/progress/events.ts";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { makeCvFiles } from "../support/cv-fixtures.ts";
import {
  createBatch,
  createJd,
  createUser,
  recordEvents,
  stagesOf,
  upload,
  waitForBatch,
  waitForEvents,
} from "../support/pipeline-harness.ts";
import {
  createModeEnvironment,
  distributedServicesAvailable,
  type ModeEnvironment,
} from "../support/services.ts";

const distributedOk = await distributedServicesAvailable();

const WITH_JD = [
  ["QUEUED", 0],
  ["DOWNLOADING", 10],
  ["EXTRACTING", 20],
  ["ANALYZING_STRUCTURE", 30],
  ["PARSING_WITH_AI", 50],
  ["MATCHING_JD", 70],
  ["FINALIZING", 90],
  ["COMPLETED", 100],
];
const WITHOUT_JD = WITH_JD.filter(([stage]) => stage !== "MATCHING_JD");

/** A new account with an empty batch for a job that requires Python. */
async function pythonJobBatch(runtime: CvflowRuntime) {
  const userId = await createUser(runtime.db);
  const jdId = await createJd(runtime.db, userId, "Python Developer", {
    required_skills: [{ skill: "Python", importance: "critical" }],
  });
  return { userId, batchId: await createBatch(runtime.db, userId, jdId) };
}

describe.each([
  ["embedded", true],
  ["distributed", distributedOk],
] as const)("pipeline (%s)", (mode, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;

  beforeAll(async () => {
    if (!available) return;
    env = await createModeEnvironment(mode);
    runtime = await createRuntime(env.config({ WORKER_CONCURRENCY: "4" }));
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  it.runIf(available)("takes 20 PDF and DOCX CVs through every stage with a JD", async () => {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Senior Python Developer", {
      required_skills: [
        { skill: "Python", importance: "critical" },
        { skill: "PostgreSQL", importance: "important" },
        { skill: "Docker", importance: "nice-to-have" },
      ],
      min_experience_years: 3,
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    const files = await makeCvFiles(20);
    const ids = await upload(runtime, userId, batchId, files);
    const rec = await recordEvents(runtime, userId);

    const { queued } = await runtime.scheduler.queueBatch(userId, batchId);
    expect(queued).toBe(20);
    const rows = await waitForBatch(runtime.db, batchId);
    await waitForEvents(() => ids.every((id) => stagesOf(rec.events, id).some(([s]) => s === "COMPLETED")));
    // The batch's last progress event reports it finished.
    await waitForEvents(() => {
      const last = rec.events.filter((e) => e.type === "batch_progress").at(-1);
      return last?.type === "batch_progress" && last.completed === 20;
    });
    await rec.stop();

    expect(rows.map((r) => `${r.filename}:${r.status}:${r.error}`).sort()).toEqual(
      files.map((f) => `${f.filename}:completed:null`).sort(),
    );
    for (const id of ids) expect(stagesOf(rec.events, id)).toEqual(WITH_JD);
    for (const row of rows) {
      const file = files.find((f) => f.filename === row.filename)!;
      expect(row.jdMatchScore).toBeTypeOf("number");
      expect(row.jdMatchData).toMatchObject({ overall_match_score: row.jdMatchScore });
      expect(row.parsedData).toMatchObject({ email: file.profile.email });
      expect(row.progress).toBe(100);
      expect(row.startedAt!.getTime()).toBeLessThanOrEqual(row.processedAt!.getTime());
    }
    // Python developers rank above the Java developers for a Python job.
    const score = (title: string) =>
      rows
        .filter((r) => files.find((f) => f.filename === r.filename)!.profile.title === title)
        .map((r) => r.jdMatchScore!);
    expect(Math.min(...score("Backend Engineer"))).toBeGreaterThan(Math.max(...score("Java Developer")));

    for (const event of rec.events) {
      if (event.type === "cv_progress") {
        expect(cvProgressEventSchema.parse(event)).toMatchObject({
          batch_id: batchId,
          jd_title: "Senior Python Developer",
        });
      } else {
        expect(batchProgressEventSchema.parse(event).batch_id).toBe(batchId);
      }
    }
    const lastBatch = rec.events.filter((e) => e.type === "batch_progress").at(-1);
    expect(lastBatch).toMatchObject({ total_cvs: 20, completed: 20, failed: 0, queued: 0, percentage: 100 });

    const timings = await runtime.db.select().from(cvStageTimings).where(eq(cvStageTimings.cvId, ids[0]!));
    expect(timings.map((t) => t.stage).sort()).toEqual(
      [
        "ANALYZING_STRUCTURE",
        "DOWNLOADING",
        "EXTRACTING",
        "FINALIZING",
        "MATCHING_JD",
        "PARSING_WITH_AI",
      ].sort(),
    );
  });

  it.runIf(available)("skips MATCHING_JD and stores no score when the batch has no JD", async () => {
    const userId = await createUser(runtime.db);
    const batchId = await createBatch(runtime.db, userId, null);
    const [id] = await upload(runtime, userId, batchId, (await makeCvFiles(2)).slice(1));
    const rec = await recordEvents(runtime, userId);
    await runtime.scheduler.queueBatch(userId, batchId);
    const [row] = await waitForBatch(runtime.db, batchId);
    await waitForEvents(() => stagesOf(rec.events, id!).length === WITHOUT_JD.length);
    await rec.stop();
    expect(row).toMatchObject({ status: "completed", jdMatchScore: null, jdMatchData: null });
    expect(stagesOf(rec.events, id!)).toEqual(WITHOUT_JD);
  });

  it.runIf(available)("fails an unreadable file with a readable error and carries on", async () => {
    const userId = await createUser(runtime.db);
    const batchId = await createBatch(runtime.db, userId, null);
    const corrupt = Buffer.concat([
      Buffer.from("%PDF-1.7\n"),
      Buffer.alloc(2000, 0x41),
      Buffer.from("\n%%EOF"),
    ]);
    const [good] = await makeCvFiles(1);
    const [badId, goodId] = await upload(runtime, userId, batchId, [
      { filename: "broken.pdf", bytes: corrupt },
      { filename: good!.filename, bytes: good!.bytes },
    ]);
    const rec = await recordEvents(runtime, userId);
    await runtime.scheduler.queueBatch(userId, batchId);
    const rows = await waitForBatch(runtime.db, batchId);
    await waitForEvents(() => stagesOf(rec.events, badId!).some(([s]) => s === "FAILED"));
    await rec.stop();
    const bad = rows.find((r) => r.id === badId)!;
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/\w{4,}/);
    expect(bad.error).not.toMatch(/at .*\.ts:\d+/); // a reason, not a stack trace
    expect(rows.find((r) => r.id === goodId)!.status).toBe("completed");
    const failed = rec.events.find(
      (e) => e.type === "cv_progress" && e.cv_id === badId && e.stage === "FAILED",
    );
    expect(failed).toMatchObject({ progress: 100, error: bad.error });
  });

  it.runIf(available)(
    "fails a CV with no readable text at EXTRACTING, with the reason, and does not retry it",
    async () => {
      const userId = await createUser(runtime.db);
      const batchId = await createBatch(runtime.db, userId, null);
      const blank = await PdfLib.create();
      blank.addPage();
      const files = [
        { filename: "blank.txt", bytes: Buffer.from("   \n\n \t \n") },
        { filename: "rules.txt", bytes: Buffer.from("----------\n\n* * *\n\n12/2024\n") },
        { filename: "blank-scan.pdf", bytes: await blank.save() },
        {
          filename: "hidden.html",
          bytes: Buffer.from(
            '<html><body><p style="display:none">Senior engineer, hire me</p></body></html>',
          ),
        },
      ];
      const ids = await upload(runtime, userId, batchId, files);
      const rec = await recordEvents(runtime, userId);
      await runtime.scheduler.queueBatch(userId, batchId);
      const rows = await waitForBatch(runtime.db, batchId);
      await waitForEvents(() => ids.every((id) => stagesOf(rec.events, id).some(([s]) => s === "FAILED")));
      await rec.stop();
      const errorOf = (filename: string) => rows.find((r) => r.filename === filename)!.error;
      expect(rows.map((r) => r.status)).toEqual(["failed", "failed", "failed", "failed"]);
      expect(errorOf("blank.txt")).toBe(
        "no text could be read from the document: it is empty or holds only whitespace, digits or symbols",
      );
      expect(errorOf("rules.txt")).toBe(errorOf("blank.txt"));
      expect(errorOf("blank-scan.pdf")).toMatch(
        /^no text could be read from the document: its pages carry no text and OCR found none/,
      );
      expect(errorOf("hidden.html")).toBe(
        "no text could be read from the document: all of its text is hidden (hidden-style)",
      );
      // Failed at extraction and never queued again: an unreadable file does not change on retry.
      for (const id of ids) {
        expect(stagesOf(rec.events, id)).toEqual([
          ["QUEUED", 0],
          ["DOWNLOADING", 10],
          ["EXTRACTING", 20],
          ["FAILED", 100],
        ]);
      }
    },
  );

  it.runIf(available)("reprocessing replaces results instead of adding rows", async () => {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Java Developer", {
      required_skills: [{ skill: "Java", importance: "critical" }],
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    const [id] = await upload(runtime, userId, batchId, (await makeCvFiles(3)).slice(2));
    await runtime.scheduler.queueBatch(userId, batchId);
    const [first] = await waitForBatch(runtime.db, batchId);
    expect(await runtime.scheduler.retryCv(userId, id!)).toBe(true);
    const [second] = await waitForBatch(runtime.db, batchId);
    expect(second!.runId).not.toBe(first!.runId);
    expect(second!.jdMatchScore).toBe(first!.jdMatchScore);
    expect(await runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(1);
    const timings = await runtime.db.select().from(cvStageTimings).where(eq(cvStageTimings.cvId, id!));
    expect(timings).toHaveLength(6);
    // Another account cannot retry it.
    const stranger = await createUser(runtime.db);
    expect(await runtime.scheduler.retryCv(stranger, id!)).toBe(false);
  });
});

describe.each([
  ["embedded", true],
  ["distributed", distributedOk],
] as const)("pipeline failure rules (%s)", (mode, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;

  beforeAll(async () => {
    if (!available) return;
    env = await createModeEnvironment(mode);
    const offline = createOfflineEngine();
    runtime = await createRuntime(env.config(), {
      engine: {
        ...offline,
        name: "offline-with-broken-matcher",
        match: async () => {
          throw new Error("matcher exploded");
        },
      },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  it.runIf(available)(
    "an exception inside matching completes the CV with no score and the error recorded",
    async () => {
      const { userId, batchId } = await pythonJobBatch(runtime);
      const [id] = await upload(runtime, userId, batchId, (await makeCvFiles(1)).slice(0, 1));
      const rec = await recordEvents(runtime, userId);
      await runtime.scheduler.queueBatch(userId, batchId);
      const [row] = await waitForBatch(runtime.db, batchId);
      await waitForEvents(() => stagesOf(rec.events, id!).some(([s]) => s === "COMPLETED"));
      await rec.stop();
      expect(row).toMatchObject({ status: "completed", jdMatchScore: null, jdMatchData: null, error: null });
      expect(row!.warnings).toEqual(["JD matching failed: matcher exploded"]);
      expect(row!.parsedData).not.toBeNull();
      expect(stagesOf(rec.events, id!)).toEqual(WITH_JD);
    },
  );
});

describe.each([
  ["embedded", true],
  ["distributed", distributedOk],
] as const)("progress events lost (%s)", (mode, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;
  let refused = 0;

  beforeAll(async () => {
    if (!available) return;
    env = await createModeEnvironment(mode);
    runtime = await createRuntime(env.config(), {
      // The bus refuses every stage event after QUEUED, as during an event-bus outage.
      wrapEvents: (bus) => ({
        ...bus,
        publish: async (event) => {
          if (event.type === "cv_progress" && event.stage !== "QUEUED") {
            refused++;
            throw new Error("event bus unavailable");
          }
          await bus.publish(event);
        },
      }),
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  it.runIf(available)("a CV whose progress events cannot be sent still completes, first time", async () => {
    const { userId, batchId } = await pythonJobBatch(runtime);
    await upload(runtime, userId, batchId, await makeCvFiles(2));
    await runtime.scheduler.queueBatch(userId, batchId);
    const rows = await waitForBatch(runtime.db, batchId);
    expect(rows.map((r) => [r.status, r.attempts, r.error])).toEqual([
      ["completed", 1, null],
      ["completed", 1, null],
    ]);
    expect(rows.every((r) => r.jdMatchScore !== null)).toBe(true);
    expect(refused).toBeGreaterThanOrEqual(2 * 7);
  });
});

describe.each([
  ["embedded", true],
  ["distributed", distributedOk],
] as const)("AI concurrency (%s)", (mode, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;
  let inAi = 0;
  let maxInAi = 0;
  // Parsing and matching are slow here, like LLM calls: the worker should keep exactly
  // WORKER_CONCURRENCY CVs in them and prepare further CVs meanwhile.
  const slow =
    <A extends unknown[], R>(work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      inAi++;
      maxInAi = Math.max(maxInAi, inAi);
      try {
        await new Promise((r) => setTimeout(r, 150));
        return await work(...args);
      } finally {
        inAi--;
      }
    };

  beforeAll(async () => {
    if (!available) return;
    env = await createModeEnvironment(mode);
    const offline = createOfflineEngine();
    runtime = await createRuntime(env.config({ WORKER_CONCURRENCY: "2" }), {
      engine: { ...offline, name: "slow-offline", parse: slow(offline.parse), match: slow(offline.match) },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await env?.cleanup();
  });

  it.runIf(available)(
    "keeps WORKER_CONCURRENCY CVs in the AI stages while the next CVs download and extract",
    async () => {
      const { userId, batchId } = await pythonJobBatch(runtime);
      const ids = await upload(runtime, userId, batchId, await makeCvFiles(8));
      const rec = await recordEvents(runtime, userId);
      await runtime.scheduler.queueBatch(userId, batchId);
      const rows = await waitForBatch(runtime.db, batchId);
      await waitForEvents(() => ids.every((id) => stagesOf(rec.events, id).some(([s]) => s === "COMPLETED")));
      await rec.stop();
      expect(rows.map((r) => r.status)).toEqual(Array(8).fill("completed"));
      expect(maxInAi).toBe(2);
      // Some CV reached its AI stages' doorstep (structure analysed) while two others were inside them.
      let inside = 0;
      let waitingWhileFull = false;
      const waiting = new Set<string>();
      for (const e of rec.events) {
        if (e.type !== "cv_progress") continue;
        if (e.stage === "ANALYZING_STRUCTURE") waiting.add(e.cv_id);
        if (e.stage === "PARSING_WITH_AI") {
          waiting.delete(e.cv_id);
          inside++;
        }
        if (e.stage === "FINALIZING") inside--;
        if (inside === 2 && waiting.size > 0) waitingWhileFull = true;
      }
      expect(waitingWhileFull).toBe(true);
      for (const id of ids) expect(stagesOf(rec.events, id)).toEqual(WITH_JD);
    },
  );
});

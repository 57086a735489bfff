// The `process-cv` task: one CV through the nine documented stages, top to bottom.
// Failure rules (design document, "Error Handling"):
//   download, extraction or parsing failure → FAILED with a readable error;
//   JD matching or GitHub failure → COMPLETED without that result, the error kept as a warning;
//   anything else (a crash, an outage) → retried with backoff, FAILED when attempts run out.
import type { Logger } from "pino";
import type { Database } from "../db/database.ts";
import type { ExtractionPool } from "../extraction/pool.ts";
import type { GithubAnalysis, GithubAnalyzer } from "../github/types.ts";
import { type LlmCall, recordLlmUsage } from "../llm/usage.ts";
import type { MatchData } from "../matching/match-schema.ts";
import type { EventBus, ProcessCvJob, Storage } from "../ports.ts";
import { UnrecoverableJobError } from "../ports.ts";
import type { BatchProgressPublisher } from "../progress/batch-progress.ts";
import { STAGE_MESSAGES, STAGE_PROGRESS, type Stage } from "../progress/events.ts";
import type { AiSlots } from "./ai-slots.ts";
import {
  type Completion,
  cvIdentity,
  failRun,
  type RunContext,
  returnToQueue,
  type StageTiming,
  type StageWriter,
} from "./cv-store.ts";
import type { CvEngine } from "./engine.ts";
import {
  analyzeCvStructure,
  analyzeGithub,
  billedCalls,
  downloadCv,
  extractCv,
  finalizeMatch,
  githubUsernameOf,
  matchCvToJd,
  parseCv,
} from "./stages.ts";

export interface PipelineDeps {
  db: Database;
  storage: Storage;
  events: EventBus;
  extraction: ExtractionPool;
  engine: CvEngine;
  github: GithubAnalyzer | null;
  batchProgress: BatchProgressPublisher;
  stages: StageWriter;
  /** claimRuns / completeRuns for one CV, batched across concurrent jobs (see micro-batch.ts). */
  claim: (job: ProcessCvJob) => Promise<RunContext | null>;
  complete: (completion: Completion) => Promise<boolean>;
  /** Bounds the CVs in the AI stages at once (the worker's concurrency). */
  aiSlots: AiSlots;
  log: Logger;
  maxAttempts: number;
  stageTimeoutMs: number;
  now?: () => Date;
}

/** Thrown when a stage outlives STAGE_TIMEOUT_MS; retried like any transient failure. */
export class StageTimeoutError extends Error {
  override name = "StageTimeoutError";
}

export async function processCv(deps: PipelineDeps, job: ProcessCvJob, attempt: number): Promise<void> {
  const run = await deps.claim(job);
  if (!run) return; // Superseded by a newer run, deleted, or already finished: nothing to do.
  const tracker = createStageTracker(deps, run);
  const now = deps.now?.() ?? new Date();
  const calls: LlmCall[] = [];
  const warnings: string[] = [];
  let releaseAiSlot: (() => void) | null = null;
  try {
    tracker.enter("DOWNLOADING");
    const bytes = await tracker.timed(() => downloadCv(deps.storage, run.storageKey));

    tracker.enter("EXTRACTING");
    const doc = await tracker.timed(() => extractCv(deps.extraction, bytes, run.filename));

    tracker.enter("ANALYZING_STRUCTURE");
    const structure = await tracker.timed(async () => analyzeCvStructure(doc));

    // Parsing and matching hold one AI slot between them, so a CV that has parsed never waits to match.
    releaseAiSlot = await deps.aiSlots.acquire();
    tracker.enter("PARSING_WITH_AI");
    const parse = await tracker.timed(() => parseCv(deps.engine, doc, structure, now));
    calls.push(...parse.calls);

    let match: MatchData | null = null;
    if (run.jd) {
      tracker.enter("MATCHING_JD");
      try {
        const result = await tracker.timed(() => matchCvToJd(deps.engine, parse.parsed, run.jd!, doc, now));
        match = result.match;
        calls.push(...result.calls);
      } catch (error) {
        calls.push(...billedCalls(error));
        warnings.push(`JD matching failed: ${messageOf(error)}`);
        deps.log.error({ cvId: run.cvId, err: error }, "JD matching failed");
      }
    }
    releaseAiSlot();

    let github: GithubAnalysis | null = null;
    const username = deps.github ? githubUsernameOf(parse.parsed, doc) : null;
    if (deps.github && username) {
      tracker.enter("ANALYZING_GITHUB");
      try {
        const outcome = await tracker.timed(() => analyzeGithub(deps.github!, username, run.jd));
        if (outcome.status === "ok") github = outcome.analysis;
        else
          warnings.push(
            `GitHub analysis skipped: ${outcome.reason}${outcome.resetAt ? ` (until ${outcome.resetAt})` : ""}`,
          );
      } catch (error) {
        warnings.push(`GitHub analysis failed: ${messageOf(error)}`);
      }
    }

    tracker.enter("FINALIZING");
    const final = await tracker.timed(async () => {
      const requiredSkills = run.jd?.requirements.required_skills ?? [];
      if (calls.length > 0) {
        await recordLlmUsage(
          deps.db,
          calls.map((c) => ({
            ...c,
            userId: run.userId,
            cvId: run.cvId,
            jobDescriptionId: run.jd?.id ?? null,
          })),
        );
      }
      return finalizeMatch(match, github, requiredSkills, run.shortlistThreshold);
    });
    const stored = await deps.complete({
      run,
      results: {
        extraction: {
          format: doc.format,
          pages: doc.pages.length,
          language: structure.language,
          ocr: doc.ocr ?? null,
          hidden_text: doc.hiddenText,
          warnings: doc.warnings,
          sections: structure.sections.map((s) => s.kind),
        },
        parsedData: parse.parsed,
        jdMatchScore: final.match?.overall_match_score ?? null,
        jdMatchData: final.match,
        githubAnalysis: github,
        warnings,
        shortlisted: final.shortlisted,
      },
      timings: tracker.timings(),
    });
    if (stored) await tracker.publish("COMPLETED");
  } catch (error) {
    releaseAiSlot?.();
    await recordCalls(deps, run, [...calls, ...billedCalls(error)]).catch((err) =>
      deps.log.error({ cvId: run.cvId, err }, "could not record LLM usage"),
    );
    const finalAttempt = error instanceof UnrecoverableJobError || attempt >= deps.maxAttempts;
    const reason = messageOf(error);
    if (finalAttempt) {
      deps.log.warn({ cvId: run.cvId, reason }, "CV failed");
      if (await failRun(deps.db, run.cvId, run.runId, reason, tracker.timings())) {
        await tracker.publish("FAILED", reason);
      }
      throw error instanceof UnrecoverableJobError ? error : new UnrecoverableJobError(reason);
    }
    deps.log.warn({ cvId: run.cvId, attempt, reason }, "CV attempt failed; will retry");
    if (await returnToQueue(deps.db, run, `attempt ${attempt} failed: ${reason}`)) {
      await tracker.publish("QUEUED");
    }
    throw error;
  }
}

/**
 * Marks a CV failed when its job ran out of attempts outside the handler (e.g. its workers kept
 * dying), so no CV stays in `processing`.
 */
export async function failAbandonedJob(deps: PipelineDeps, job: ProcessCvJob, error: Error): Promise<void> {
  const reason = `processing was abandoned: ${messageOf(error)}`;
  if (!(await failRun(deps.db, job.cvId, job.runId, reason))) return;
  const who = await cvIdentity(deps.db, job.cvId);
  if (!who) return;
  await deps.events.publish({
    type: "cv_progress",
    user_id: who.userId,
    cv_id: job.cvId,
    batch_id: who.batchId,
    progress: STAGE_PROGRESS.FAILED,
    status: STAGE_MESSAGES.FAILED,
    stage: "FAILED",
    filename: who.filename,
    jd_title: who.jdTitle,
    error: reason,
    timestamp: Date.now(),
  });
  deps.batchProgress.request(who.batchId, who.userId);
}

/** Stage bookkeeping: DB status, events in order, and per-stage timings. */
function createStageTracker(deps: PipelineDeps, run: RunContext) {
  const timings: StageTiming[] = [];
  let current: { stage: Stage; startedAt: Date; t0: number } | null = null;

  const publish = async (stage: Stage, error?: string) => {
    if (stage === "COMPLETED" || stage === "FAILED" || stage === "QUEUED") deps.stages.forget(run.cvId);
    await deps.events.publish({
      type: "cv_progress",
      user_id: run.userId,
      cv_id: run.cvId,
      batch_id: run.batchId,
      progress: STAGE_PROGRESS[stage],
      status: STAGE_MESSAGES[stage],
      stage,
      filename: run.filename,
      jd_title: run.jd?.title ?? null,
      ...(error ? { error } : {}),
      timestamp: Date.now(),
    });
    // Coalesced: with many CVs finishing each second, one status per interval is plenty, and the
    // publisher always sends one after the last change.
    deps.batchProgress.request(run.batchId, run.userId);
  };

  return {
    publish,
    /**
     * Enters a stage: records it (DOWNLOADING was set by the claim) and announces it. The stage's
     * work does not wait for the announcement to reach the event bus: one publisher sends events in
     * order anyway, and a lost progress event must not hold up or fail the CV.
     */
    enter(stage: Stage) {
      if (stage !== "DOWNLOADING") deps.stages.set(run.cvId, run.runId, stage);
      current = { stage, startedAt: new Date(), t0: performance.now() };
      publish(stage).catch((err) => deps.log.warn({ cvId: run.cvId, stage, err }, "progress event not sent"));
    },
    /** Runs the current stage's work under the stage time limit, recording its duration. */
    async timed<T>(work: () => Promise<T>): Promise<T> {
      const stage = current!;
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          work(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(
              () =>
                reject(new StageTimeoutError(`${stage.stage} took longer than ${deps.stageTimeoutMs} ms`)),
              deps.stageTimeoutMs,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
        timings.push({
          stage: stage.stage,
          startedAt: stage.startedAt,
          durationMs: performance.now() - stage.t0,
        });
      }
    },
    timings: () => timings,
  };
}

async function recordCalls(deps: PipelineDeps, run: RunContext, calls: LlmCall[]): Promise<void> {
  if (calls.length === 0) return;
  await recordLlmUsage(
    deps.db,
    calls.map((c) => ({ ...c, userId: run.userId, cvId: run.cvId, jobDescriptionId: run.jd?.id ?? null })),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

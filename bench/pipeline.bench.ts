// Pipeline overhead: the two AI stages replaced by a fixed-latency fake (100 ms parse + 100 ms
// match = 200 ms per CV), 1,000 small text CVs through one worker process at concurrency 50.
// Ideal throughput is concurrency ÷ latency = 250 CVs/s; the ratio shows what the orchestration
// (database writes, events, queue, storage, extraction pool) costs. Target ratio ≥ 0.9.
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/database.ts";
import { matchCv } from "../src/matching/deterministic-matcher.ts";
import { jdRequirementsSchema } from "../src/matching/jd-schema.ts";
import { emptyParsedCv, type ParsedCv } from "../src/parsing/schema.ts";
import type { CvEngine } from "../src/pipeline/engine.ts";
import { createRuntime } from "../src/runtime.ts";
import { createBatch, createJd, createUser, upload } from "../test/support/pipeline-harness.ts";
import { createModeEnvironment, distributedServicesAvailable } from "../test/support/services.ts";

const CVS = Number(process.env.BENCH_PIPELINE_CVS ?? 1000);
const CONCURRENCY = 50;
const PARSE_MS = 100;
const MATCH_MS = 100;

function fixedLatencyEngine(): CvEngine {
  const parsed: ParsedCv = {
    ...emptyParsedCv(),
    candidate_name: "Bench Candidate",
    current_role: "Backend Engineer",
    skills: [{ name: "Python", canonical: null, category: null, years: null, last_used: null }],
  };
  const jd = {
    title: "Backend Engineer",
    description: "Python",
    location: null,
    requirements: jdRequirementsSchema.parse({
      required_skills: [{ skill: "Python", importance: "critical" }],
    }),
  };
  const match = matchCv({ parsed, jd, cvText: "Python", redFlags: [], now: new Date() });
  return {
    name: "fixed-latency-fake",
    parse: async () => {
      await sleep(PARSE_MS);
      return { parsed, calls: [] };
    },
    match: async () => {
      await sleep(MATCH_MS);
      return { match, calls: [] };
    },
  };
}

async function benchMode(mode: "embedded" | "distributed"): Promise<void> {
  const env = await createModeEnvironment(mode, {
    PGLITE_DIR: "", // on disk, as `npm start` runs
    BATCH_PROGRESS_INTERVAL_MS: "250",
    LOG_LEVEL: "warn",
  });
  const runtime = await createRuntime(env.config(), {
    engine: fixedLatencyEngine(),
    concurrency: CONCURRENCY,
  });
  try {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Backend Engineer", {
      required_skills: [{ skill: "Python", importance: "critical" }],
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    const files = Array.from({ length: CVS }, (_, i) => ({
      filename: `cv-${i}.txt`,
      bytes: Buffer.from(
        `Candidate ${i}\ncandidate${i}@example.com\n\nExperience\nBackend Engineer at Acme, 2019 - present\nPython, PostgreSQL\n`,
      ),
    }));
    for (let i = 0; i < files.length; i += 100)
      await upload(runtime, userId, batchId, files.slice(i, i + 100));

    let finished = 0;
    let failed = 0;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((r) => {
      resolveDone = r;
    });
    // When each CV entered DOWNLOADING / FINALIZING / COMPLETED: where the non-AI time goes.
    const seen = new Map<string, Partial<Record<"DOWNLOADING" | "FINALIZING" | "COMPLETED", number>>>();
    const stop = await runtime.events.subscribe(userId, (e) => {
      if (e.type !== "cv_progress") return;
      if (e.stage === "DOWNLOADING" || e.stage === "FINALIZING" || e.stage === "COMPLETED") {
        const times = seen.get(e.cv_id) ?? {};
        times[e.stage] = performance.now();
        seen.set(e.cv_id, times);
      }
      if (e.stage !== "COMPLETED" && e.stage !== "FAILED") return;
      finished++;
      if (e.stage === "FAILED") failed++;
      if (finished === CVS) resolveDone();
    });
    const memBefore = process.memoryUsage().rss;
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await runtime.scheduler.queueBatch(userId, batchId);
    await Promise.race([done, sleep(300_000)]);
    const seconds = (performance.now() - t0) / 1000;
    const elu = performance.eventLoopUtilization(elu0).utilization;
    await stop();
    const stages = await queryRows<{ stage: string; mean: number; p99: number }>(
      runtime.db,
      sql`select stage, avg(duration_ms)::float8 as mean,
            percentile_cont(0.99) within group (order by duration_ms)::float8 as p99
          from cv_stage_timings group by stage order by min(started_at)`,
    );
    console.log(
      `${mode.padEnd(11)} stage time: ${stages.map((s) => `${s.stage} ${s.mean.toFixed(1)} ms (p99 ${s.p99.toFixed(0)})`).join(", ")}`,
    );
    console.log(
      `${mode.padEnd(11)} ${overheadBreakdown(seen, t0, CONCURRENCY)}; main thread busy ${(elu * 100).toFixed(0)}%`,
    );
    const rate = finished / seconds;
    const ideal = CONCURRENCY / ((PARSE_MS + MATCH_MS) / 1000);
    console.log(
      `${mode.padEnd(11)} ${finished}/${CVS} CVs (${failed} failed) in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} CVs/s; ` +
        `ideal ${ideal} CVs/s; ratio ${(rate / ideal).toFixed(3)} (target ≥ 0.9); ` +
        `rss +${((process.memoryUsage().rss - memBefore) / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await runtime.close();
    await env.cleanup();
  }
}

/**
 * Start delay (queueing the batch until the first CV starts), the completion write (FINALIZING →
 * COMPLETED) and the slot refill (a CV completes → the next one starts: the queue hand-off and the
 * claim), all outside the stage timings.
 */
function overheadBreakdown(
  seen: Map<string, Partial<Record<"DOWNLOADING" | "FINALIZING" | "COMPLETED", number>>>,
  t0: number,
  concurrency: number,
): string {
  const all = [...seen.values()];
  const starts = all
    .flatMap((t) => (t.DOWNLOADING === undefined ? [] : [t.DOWNLOADING]))
    .sort((a, b) => a - b);
  const ends = all.flatMap((t) => (t.COMPLETED === undefined ? [] : [t.COMPLETED])).sort((a, b) => a - b);
  const writes = all.flatMap((t) =>
    t.COMPLETED === undefined || t.FINALIZING === undefined ? [] : [t.COMPLETED - t.FINALIZING],
  );
  // The k-th start after the first `concurrency` took the slot the (k − concurrency)-th completion freed.
  const refills = starts.slice(concurrency).map((start, k) => start - (ends[k] ?? start));
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return (
    `start delay ${((starts[0] ?? t0) - t0).toFixed(0)} ms, completion write ${mean(writes).toFixed(1)} ms, ` +
    `slot refill ${mean(refills).toFixed(1)} ms`
  );
}

export async function run(): Promise<void> {
  if (process.env.BENCH_PIPELINE_MODE) {
    await benchMode(process.env.BENCH_PIPELINE_MODE as "embedded" | "distributed");
    return;
  }
  console.log(
    `pipeline overhead: ${CVS} CVs, concurrency ${CONCURRENCY}, fake AI latency ${PARSE_MS + MATCH_MS} ms/CV`,
  );
  await benchMode("embedded");
  if (await distributedServicesAvailable()) await benchMode("distributed");
  else console.log("distributed: skipped (PostgreSQL or Redis unreachable)");
}

// Pipeline overhead: the two AI stages replaced by a fixed-latency fake (100 ms parse + 100 ms
// match = 200 ms per CV), 1,000 small text CVs through one worker process at concurrency 50.
// Ideal throughput is concurrency ÷ latency = 250 CVs/s; the ratio shows what the orchestration
// (database writes, events, queue, storage, extraction pool) costs. Target ratio ≥ 0.9.
// Embedded mode runs as deployed: one process. Distributed mode too: this process plays the API
// (queues the batch, watches the events), the worker is its own process, and so is the S3 server.
import { type ChildProcess, fork } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { queryRows } from "../src/db/database.ts";
import type { Stage } from "../src/progress/events.ts";
import { createRuntime } from "../src/runtime.ts";
import { createBatch, createJd, createUser, upload } from "../test/support/pipeline-harness.ts";
import { createModeEnvironment, distributedServicesAvailable } from "../test/support/services.ts";
import { type ProcessGroups, readCpu } from "./support/cpu-usage.ts";
import { fixedLatencyEngine, MATCH_MS, PARSE_MS } from "./support/fixed-latency-engine.ts";
import { startS3Process } from "./support/s3-process.ts";

const CVS = Number(process.env.BENCH_PIPELINE_CVS ?? 1000);
const CONCURRENCY = 50;

type Mode = "embedded" | "distributed";
type Watched = "DOWNLOADING" | "PARSING_WITH_AI" | "FINALIZING" | "COMPLETED";
const WATCHED = new Set<Stage>(["DOWNLOADING", "PARSING_WITH_AI", "FINALIZING", "COMPLETED"]);

async function benchMode(mode: Mode): Promise<void> {
  let s3Pid = 0;
  const env = await createModeEnvironment(
    mode,
    {
      PGLITE_DIR: "", // on disk, as `npm start` runs
      BATCH_PROGRESS_INTERVAL_MS: "250",
      LOG_LEVEL: "warn",
    },
    async () => {
      const s3 = await startS3Process();
      s3Pid = s3.pid;
      return s3;
    },
  );
  const runtime = await createRuntime(env.config(), {
    role: mode === "embedded" ? "all" : "api",
    engine: fixedLatencyEngine(),
    concurrency: CONCURRENCY,
  });
  const worker = mode === "distributed" ? await startWorkerProcess(env.env) : null;
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
    // When each CV entered the watched stages: where the non-AI time goes.
    const seen = new Map<string, Partial<Record<Watched, number>>>();
    const stop = await runtime.events.subscribe(userId, (e) => {
      if (e.type !== "cv_progress") return;
      if (WATCHED.has(e.stage)) {
        const times = seen.get(e.cv_id) ?? {};
        times[e.stage as Watched] = performance.now();
        seen.set(e.cv_id, times);
      }
      if (e.stage !== "COMPLETED" && e.stage !== "FAILED") return;
      finished++;
      if (e.stage === "FAILED") failed++;
      if (finished === CVS) resolveDone();
    });
    const cpuGroups: ProcessGroups =
      worker === null
        ? { cvflow: [process.pid] }
        : {
            worker: [worker.pid ?? 0],
            "S3 server": [s3Pid],
            API: [process.pid],
            PostgreSQL: { command: "postgres" },
            Redis: { command: "redis-server" },
          };
    const cpu0 = readCpu(cpuGroups);
    const memBefore = process.memoryUsage().rss;
    worker?.send("mark");
    const elu0 = performance.eventLoopUtilization();
    const t0 = performance.now();
    await runtime.scheduler.queueBatch(userId, batchId);
    const queuedMs = performance.now() - t0;
    await Promise.race([done, sleep(300_000)]);
    const seconds = (performance.now() - t0) / 1000;
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const cpu1 = readCpu(cpuGroups);
    const workerElu = worker ? await workerReport(worker) : null;
    await stop();
    const stages = await queryRows<{ stage: string; mean: number; p99: number; total: number }>(
      runtime.db,
      sql`select stage, avg(duration_ms)::float8 as mean, sum(duration_ms)::float8 as total,
            percentile_cont(0.99) within group (order by duration_ms)::float8 as p99
          from cv_stage_timings group by stage order by min(started_at)`,
    );
    console.log(
      `${mode.padEnd(11)} stage time: ${stages.map((s) => `${s.stage} ${s.mean.toFixed(1)} ms (p99 ${s.p99.toFixed(0)})`).join(", ")}`,
    );
    // The share of the AI slots' capacity (concurrency × wall time) spent inside the AI stages.
    const aiMs = stages
      .filter((s) => s.stage === "PARSING_WITH_AI" || s.stage === "MATCHING_JD")
      .reduce((sum, s) => sum + s.total, 0);
    const busy =
      worker === null
        ? `main thread busy ${(elu * 100).toFixed(0)}%`
        : `worker main thread busy ${((workerElu ?? 0) * 100).toFixed(0)}%, API process ${(elu * 100).toFixed(0)}%`;
    console.log(
      `${mode.padEnd(11)} batch queued in ${queuedMs.toFixed(0)} ms; ${overheadBreakdown(seen, t0, CONCURRENCY)}; ` +
        `AI slots in use ${((aiMs / (CONCURRENCY * seconds * 1000)) * 100).toFixed(1)}%; ${busy}`,
    );
    const cpuPerCv = Object.keys(cpuGroups).map(
      (k) => [k, ((cpu1[k] ?? 0) - (cpu0[k] ?? 0)) / finished] as const,
    );
    const cpuTotal = cpuPerCv.reduce((sum, [, ms]) => sum + ms, 0);
    if (cpuTotal > 0) {
      console.log(
        `${mode.padEnd(11)} CPU per CV: ${cpuPerCv.map(([k, ms]) => `${k} ${ms.toFixed(2)} ms`).join(", ")}; ` +
          `total ${cpuTotal.toFixed(2)} ms, so ${availableParallelism()} cores carry at most ` +
          `${((availableParallelism() * 1000) / cpuTotal).toFixed(0)} CVs/s`,
      );
    }
    const rate = finished / seconds;
    const ideal = CONCURRENCY / ((PARSE_MS + MATCH_MS) / 1000);
    console.log(
      `${mode.padEnd(11)} ${finished}/${CVS} CVs (${failed} failed) in ${seconds.toFixed(2)} s = ${rate.toFixed(1)} CVs/s; ` +
        `ideal ${ideal} CVs/s; ratio ${(rate / ideal).toFixed(3)} (target ≥ 0.9); ` +
        `rss +${((process.memoryUsage().rss - memBefore) / 1e6).toFixed(0)} MB`,
    );
  } finally {
    if (worker) await stopWorkerProcess(worker);
    await runtime.close();
    await env.cleanup();
  }
}

function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(path.join(import.meta.dirname, "support/pipeline-worker.ts"), {
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_WORKER_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`]
        : []),
    ],
    env: { ...process.env, ...env, BENCH_WORKER_CONCURRENCY: String(CONCURRENCY) },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench worker did not start in 30 s")), 30_000);
    child.once("message", () => {
      clearTimeout(timer);
      resolve(child);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bench worker exited with ${code}`));
    });
  });
}

function workerReport(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 5000);
    child.once("message", (m) => {
      clearTimeout(timer);
      resolve((m as { elu?: number }).elu ?? null);
    });
    child.send("report");
  });
}

async function stopWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.send("stop");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Start delay (queueing the batch until the first CV starts), the completion write (FINALIZING →
 * COMPLETED) and the AI slot hand-off (a CV leaves the AI stages → the next one enters them).
 */
function overheadBreakdown(
  seen: Map<string, Partial<Record<Watched, number>>>,
  t0: number,
  concurrency: number,
): string {
  const all = [...seen.values()];
  const sorted = (stage: Watched) =>
    all.flatMap((t) => (t[stage] === undefined ? [] : [t[stage]])).sort((a, b) => a - b);
  const starts = sorted("DOWNLOADING");
  const aiStarts = sorted("PARSING_WITH_AI");
  const aiEnds = sorted("FINALIZING");
  const writes = all.flatMap((t) =>
    t.COMPLETED === undefined || t.FINALIZING === undefined ? [] : [t.COMPLETED - t.FINALIZING],
  );
  // The k-th AI start after the first `concurrency` took the slot the (k − concurrency)-th AI end freed.
  const handoffs = aiStarts.slice(concurrency).map((start, k) => start - (aiEnds[k] ?? start));
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return (
    `start delay ${((starts[0] ?? t0) - t0).toFixed(0)} ms, first AI call at ${((aiStarts[0] ?? t0) - t0).toFixed(0)} ms, ` +
    `all ${concurrency} AI slots busy at ${((aiStarts[concurrency - 1] ?? t0) - t0).toFixed(0)} ms, ` +
    `last AI call ended at ${((aiEnds.at(-1) ?? t0) - t0).toFixed(0)} ms, ` +
    `completion write ${mean(writes).toFixed(1)} ms, AI slot hand-off ${mean(handoffs).toFixed(1)} ms`
  );
}

export async function run(): Promise<void> {
  if (process.env.BENCH_PIPELINE_MODE) {
    await benchMode(process.env.BENCH_PIPELINE_MODE as Mode);
    return;
  }
  console.log(
    `pipeline overhead: ${CVS} CVs, concurrency ${CONCURRENCY}, fake AI latency ${PARSE_MS + MATCH_MS} ms/CV`,
  );
  await benchMode("embedded");
  if (await distributedServicesAvailable()) await benchMode("distributed");
  else console.log("distributed: skipped (PostgreSQL or Redis unreachable)");
}

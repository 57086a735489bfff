// Builds a running cvflow process for the configured mode: one adapter per external system, the
// scheduler, and (for the "all" and "worker" roles) the pipeline workers.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { type Logger, pino } from "pino";
import { createLocalStorage } from "./adapters/local-storage.ts";
import { createMemoryEventBus } from "./adapters/memory-events.ts";
import { createMemoryQueue } from "./adapters/memory-queue.ts";
import { createMemoryRateLimitStore } from "./adapters/memory-rate-limits.ts";
import type { Config } from "./config.ts";
import type { DatabaseHandle } from "./db/database.ts";
import { openPglite } from "./db/pglite.ts";
import { createExtractionPool } from "./extraction/pool.ts";
import { createGithubAnalyzer } from "./github/analyzer.ts";
import { createDbGithubCache } from "./github/cache.ts";
import { createAiSlots, prefetchFor } from "./pipeline/ai-slots.ts";
import { type Completion, claimRuns, completeRuns, createStageWriter } from "./pipeline/cv-store.ts";
import { type CvEngine, createOfflineEngine } from "./pipeline/engine.ts";
import { createMicroBatcher, createSerialLane } from "./pipeline/micro-batch.ts";
import { failAbandonedJob, type PipelineDeps, processCv } from "./pipeline/process-cv.ts";
import { createScheduler } from "./pipeline/scheduler.ts";
import type { EventBus, JobQueue, ProcessCvJob, RateLimitStore, Storage } from "./ports.ts";
import { createBatchProgressPublisher } from "./progress/batch-progress.ts";
import type { Runtime } from "./runtime-types.ts";

export type Role = "all" | "api" | "worker";

export interface RuntimeOptions {
  role?: Role;
  /** Replaces the configured engine (benchmarks use a fixed-latency one). */
  engine?: CvEngine;
  /** Wraps the configured event bus (tests use it to make the bus fail). */
  wrapEvents?: (events: EventBus) => EventBus;
  logger?: Logger;
  /** CVs in the AI stages at once per process; defaults to WORKER_CONCURRENCY. */
  concurrency?: number;
}

export interface CvflowRuntime extends Runtime {
  log: Logger;
  role: Role;
}

export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<CvflowRuntime> {
  const role = options.role ?? "all";
  const log = options.logger ?? pino({ level: config.LOG_LEVEL, name: "cvflow" });
  const distributed = config.CVFLOW_MODE === "distributed";
  const closers: Array<() => Promise<void>> = [];
  let queueRef: JobQueue | null = null;
  const closeAll = async () => {
    // The queue first: running jobs settle before anything they use goes away.
    await queueRef?.close().catch((err) => log.error({ err }, "queue close failed"));
    for (const close of closers.reverse()) await close().catch((err) => log.error({ err }, "close failed"));
  };

  try {
    const database = await openDatabase(config);
    closers.push(() => database.close());
    if (!distributed) {
      await database.migrate();
      // PGlite has no autovacuum: without it the CV table bloats with every stage update and the
      // queue-status aggregation loses its index-only scan.
      const vacuum = setInterval(() => {
        database.db.execute(sql`vacuum analyze cvs`).catch((err) => log.warn({ err }, "vacuum failed"));
      }, 10 * 60_000);
      vacuum.unref();
      closers.push(async () => clearInterval(vacuum));
    }

    const storage = await openStorage(config);
    closers.push(() => storage.close());
    const queue = await openQueue(config);
    queueRef = queue;
    const opened = await openEventBus(config);
    const events = options.wrapEvents?.(opened) ?? opened;
    closers.push(() => events.close());
    // Workers serve no limited routes.
    const rateLimits = role === "worker" ? undefined : await openRateLimits(config);
    if (rateLimits) closers.push(() => rateLimits.close());

    const batchProgress = createBatchProgressPublisher({
      events,
      queueStatus: (batchId) => scheduler.queueStatus(batchId),
      intervalMs: config.BATCH_PROGRESS_INTERVAL_MS,
      onError: (err) => log.warn({ err }, "batch progress failed"),
    });
    const concurrency = options.concurrency ?? config.WORKER_CONCURRENCY;
    const scheduler = createScheduler({
      db: database.db,
      queue,
      events,
      batchProgress,
      queueStatus: {
        defaultCvSeconds: config.DEFAULT_CV_SECONDS,
        defaultParallelism: concurrency,
        detailLimit: 50,
      },
    });
    closers.push(() => batchProgress.close());

    if (role !== "api") {
      const extraction = createExtractionPool({
        // Extraction is CPU-bound: more threads than cores only add start-up and contention.
        size: Math.max(1, Math.min(availableParallelism(), concurrency)),
        limits: {
          maxPages: config.EXTRACT_MAX_PAGES,
          timeoutMs: config.EXTRACT_TIMEOUT_MS,
          maxUnzippedBytes: config.EXTRACT_MAX_UNZIPPED_BYTES,
        },
      });
      extraction.warm();
      closers.push(() => extraction.close());
      const lane = createSerialLane();
      const stages = createStageWriter(database.db, {
        lane,
        // The stored stage may lag by this much; live events are never delayed.
        flushMs: 500,
        onError: (err) => log.warn({ err }, "stage write failed"),
      });
      closers.push(() => stages.flush());
      const deps: PipelineDeps = {
        db: database.db,
        storage,
        events,
        extraction,
        engine: options.engine ?? (await selectEngine(config)),
        github: config.githubEnabled
          ? createGithubAnalyzer({
              baseUrl: config.GITHUB_API_URL,
              token: config.GITHUB_TOKEN,
              cache: createDbGithubCache(database.db),
              ttlSeconds: config.GITHUB_CACHE_TTL_SECONDS,
            })
          : null,
        batchProgress,
        stages,
        claim: createMicroBatcher((jobs: ProcessCvJob[]) => lane(() => claimRuns(database.db, jobs))),
        complete: createMicroBatcher((items: Completion[]) => lane(() => completeRuns(database.db, items))),
        aiSlots: createAiSlots(concurrency),
        log,
        maxAttempts: config.JOB_ATTEMPTS,
        stageTimeoutMs: config.STAGE_TIMEOUT_MS,
      };
      await queue.startWorker((job, attempt) => processCv(deps, job, attempt), {
        concurrency,
        prefetch: prefetchFor(concurrency),
        onFinalFailure: (job, error) => failAbandonedJob(deps, job, error),
      });
      if (distributed) {
        // Safety net for CVs whose job was lost (e.g. Redis restarted without persistence).
        const timer = setInterval(() => {
          scheduler
            .recover({ resetProcessing: false, olderThanMs: config.RECOVER_AFTER_MS })
            .catch((err) => log.warn({ err }, "recovery sweep failed"));
        }, 60_000);
        timer.unref();
        closers.push(async () => clearInterval(timer));
      } else {
        const { requeued, failed } = await scheduler.recover({
          resetProcessing: true,
          olderThanMs: 0,
          failAfterAttempts: config.JOB_ATTEMPTS,
        });
        if (requeued > 0) log.info({ requeued }, "re-queued CVs left unfinished by the last run");
        if (failed > 0)
          log.warn(
            { failed },
            "failed CVs that were in progress each time the process stopped, as many times as JOB_ATTEMPTS",
          );
      }
    }

    return {
      config,
      role,
      log,
      database,
      db: database.db,
      storage,
      queue,
      events,
      scheduler,
      rateLimits,
      jwtSecret: await loadJwtSecret(config),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

// The adapters of distributed mode and the LLM SDKs are imported only when configured, which keeps
// the embedded start-up (`npm start`) short.

async function selectEngine(config: Config): Promise<CvEngine> {
  if (config.ENGINE === "offline") return createOfflineEngine();
  const { createLlmEngine } = await import("./llm/engine.ts");
  return createLlmEngine(config);
}

async function openDatabase(config: Config): Promise<DatabaseHandle> {
  if (config.CVFLOW_MODE === "embedded")
    return openPglite(config.pgliteDir, { template: config.PGLITE_TEMPLATE });
  const { openPostgres } = await import("./db/postgres.ts");
  return openPostgres(config.DATABASE_URL!);
}

async function openStorage(config: Config): Promise<Storage> {
  if (config.storageDriver === "local") return createLocalStorage(config.storageDir);
  const { createS3Storage } = await import("./adapters/s3-storage.ts");
  return createS3Storage({
    bucket: config.S3_BUCKET,
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

async function openQueue(config: Config): Promise<JobQueue> {
  if (config.CVFLOW_MODE === "embedded") {
    return createMemoryQueue({ attempts: config.JOB_ATTEMPTS, backoffMs: config.JOB_BACKOFF_MS });
  }
  const { createBullmqQueue } = await import("./adapters/bullmq-queue.ts");
  return createBullmqQueue({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    attempts: config.JOB_ATTEMPTS,
    backoffMs: config.JOB_BACKOFF_MS,
    lockMs: config.JOB_LOCK_MS,
    stalledCheckMs: config.JOB_STALLED_CHECK_MS,
  });
}

async function openEventBus(config: Config): Promise<EventBus> {
  if (config.CVFLOW_MODE === "embedded") return createMemoryEventBus();
  const { createRedisEventBus } = await import("./adapters/redis-events.ts");
  return createRedisEventBus(config.REDIS_URL, config.QUEUE_PREFIX);
}

/** Distributed API replicas count against one budget per account, so the counters live in Redis. */
async function openRateLimits(config: Config): Promise<RateLimitStore> {
  if (config.CVFLOW_MODE === "embedded") return createMemoryRateLimitStore();
  const { createRedisRateLimitStore } = await import("./adapters/redis-rate-limits.ts");
  return createRedisRateLimitStore(config.REDIS_URL, config.QUEUE_PREFIX);
}

/** Embedded mode keeps a generated secret in the data directory; distributed replicas must share one. */
async function loadJwtSecret(config: Config): Promise<Uint8Array> {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  if (config.CVFLOW_MODE === "distributed") {
    throw new Error("JWT_SECRET must be set in distributed mode (all API replicas share it)");
  }
  const file = path.join(config.DATA_DIR, "jwt-secret");
  try {
    return new Uint8Array(await readFile(file));
  } catch {
    const secret = randomBytes(32);
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    return new Uint8Array(secret);
  }
}

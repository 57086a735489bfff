// Distributed job queue: BullMQ on Redis. A worker that dies loses its job lock; BullMQ's
// stalled-job check hands the job to another worker, and after too many stalls fails it.
import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { type JobQueue, type ProcessCvJob, UnrecoverableJobError } from "../ports.ts";

export interface BullmqQueueOptions {
  redisUrl: string;
  prefix: string;
  attempts: number;
  backoffMs: number;
  lockMs: number;
  stalledCheckMs: number;
}

const QUEUE_NAME = "process-cv";
// BullMQ runs the lowest number first; cvflow batch priorities run the highest first.
const toBullPriority = (priority = 0) => Math.min(2_097_152, Math.max(1, 1_000_000 - priority));

export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue<ProcessCvJob>(QUEUE_NAME, { connection, prefix: options.prefix });
  await queue.waitUntilReady();
  let worker: Worker<ProcessCvJob> | null = null;
  let workerConnection: Redis | null = null;

  return {
    async enqueue(jobs, opts) {
      await queue.addBulk(
        jobs.map((job) => ({
          name: QUEUE_NAME,
          data: job,
          opts: {
            // One job per processing run: enqueuing the same run twice is a no-op.
            jobId: `${job.cvId}_${job.runId}`,
            priority: toBullPriority(opts?.priority),
            attempts: options.attempts,
            backoff: { type: "exponential", delay: options.backoffMs },
            removeOnComplete: { count: 1000 },
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      );
    },
    async startWorker(handler, opts) {
      workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      // BullMQ fetches jobs one Redis round trip at a time until it holds its concurrency, and only
      // then starts them. Held at concurrency + prefetch from the start, a worker made a new batch
      // wait ~100 round trips. So the window BullMQ fills starts at half the concurrency and doubles
      // whenever every job in it is running, up to concurrency + prefetch; an idle worker starts over.
      const full = opts.concurrency + (opts.prefetch ?? 0);
      const first = Math.ceil(opts.concurrency / 2);
      let running = 0;
      const w: Worker<ProcessCvJob> = new Worker<ProcessCvJob>(
        QUEUE_NAME,
        async (job: Job<ProcessCvJob>) => {
          running++;
          if (running >= w.concurrency && w.concurrency < full)
            w.concurrency = Math.min(full, w.concurrency * 2);
          try {
            await handler(job.data, job.attemptsMade + 1);
          } catch (error) {
            if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
            throw error;
          } finally {
            running--;
            if (running === 0) w.concurrency = first;
          }
        },
        {
          connection: workerConnection,
          prefix: options.prefix,
          concurrency: first,
          lockDuration: options.lockMs,
          stalledInterval: options.stalledCheckMs,
          maxStalledCount: Math.max(1, options.attempts - 1),
        },
      );
      worker = w;
      worker.on("failed", (job, error) => {
        if (!job) return;
        const exhausted =
          error instanceof UnrecoverableError ||
          error.name === "UnrecoverableError" ||
          job.attemptsMade >= (job.opts.attempts ?? 1) ||
          /stalled more than allowable limit/i.test(error.message);
        if (exhausted) void opts.onFinalFailure(job.data, error).catch(() => {});
      });
      // Connection errors are retried by ioredis; without a listener they would crash the process.
      worker.on("error", () => {});
      await worker.waitUntilReady();
    },
    async waitingCount() {
      const counts = await queue.getJobCounts("waiting", "prioritized", "delayed");
      return (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
    },
    async ping() {
      await connection.ping();
    },
    async close() {
      await worker?.close();
      await queue.close();
      workerConnection?.disconnect();
      connection.disconnect();
    },
  };
}

// The small interfaces behind which every external system sits. Embedded and distributed mode
// differ only in which adapter (src/adapters/*) fills each port.
import type { Readable } from "node:stream";
import type { ProgressEvent } from "./progress/events.ts";

/** A storage key that holds no file. */
export class StorageNotFoundError extends Error {
  override name = "StorageNotFoundError";
}

/** File storage: local disk (embedded) or S3-compatible (distributed). */
export interface Storage {
  put(key: string, body: Buffer | Readable, contentType: string): Promise<void>;
  get(key: string): Promise<Buffer>;
  stream(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface ProcessCvJob {
  cvId: string;
  /** The processing run this job belongs to; a job of an older run is dropped. */
  runId: string;
}

export type JobHandler = (job: ProcessCvJob, attempt: number) => Promise<void>;

/**
 * The job queue of `process-cv` jobs: in-process (embedded) or BullMQ (distributed).
 * Jobs are retried with exponential backoff up to the configured attempts, unless the handler
 * throws an UnrecoverableJobError.
 */
export interface JobQueue {
  enqueue(jobs: ProcessCvJob[], options?: { priority?: number }): Promise<void>;
  /**
   * Starts taking jobs in this process: up to `concurrency` + `prefetch` (default 0) at once.
   * `onFinalFailure` runs when a job has no attempts left.
   */
  startWorker(
    handler: JobHandler,
    options: {
      concurrency: number;
      prefetch?: number;
      onFinalFailure: (job: ProcessCvJob, error: Error) => Promise<void>;
    },
  ): Promise<void>;
  /** Number of jobs waiting (not yet taken by a worker), for /ready and metrics. */
  waitingCount(): Promise<number>;
  ping(): Promise<void>;
  /** Stops taking new jobs, waits for running ones to settle, releases connections. */
  close(): Promise<void>;
}

/** Thrown by a job handler when retrying cannot help (e.g. a corrupt file): no further attempts. */
export class UnrecoverableJobError extends Error {
  override name = "UnrecoverableJobError";
}

export type EventListener = (event: ProgressEvent) => void;

/** Progress events, per user: in-process (embedded) or Redis pub/sub (distributed). */
export interface EventBus {
  publish(event: ProgressEvent): Promise<void>;
  /** Subscribes to one user's events; returns the unsubscribe function. */
  subscribe(userId: string, listener: EventListener): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Fixed-window request counters for the API's rate limits (in-process or shared by all API replicas). */
export interface RateLimitStore {
  /** Counts one request against `key`; a new window of `windowMs` starts when the last one has ended. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  close(): Promise<void>;
}

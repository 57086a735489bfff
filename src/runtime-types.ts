// What a running cvflow process holds: configuration and one adapter per external system.
// Built by src/runtime.ts for the configured mode; routes and the pipeline receive it.
import type { Config } from "./config.ts";
import type { Database, DatabaseHandle } from "./db/database.ts";
import type { EventBus, JobQueue, RateLimitStore, Storage } from "./ports.ts";
import type { QueueStatus } from "./progress/events.ts";

export interface Scheduler {
  /** Queues the batch's uploaded and failed CVs; returns how many were queued (0 for a batch not the user's). */
  queueBatch(userId: string, batchId: string): Promise<{ queued: number }>;
  /** Re-runs one CV from scratch; false when the CV is not the user's. */
  retryCv(userId: string, cvId: string): Promise<boolean>;
  /** The documented queue-status shape for a batch, with the parallelism-aware ETA. */
  queueStatus(batchId: string): Promise<QueueStatus>;
}

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
  db: Database;
  storage: Storage;
  queue: JobQueue;
  events: EventBus;
  scheduler: Scheduler;
  /** Rate-limit counters; without one the app keeps its own in memory. */
  rateLimits?: RateLimitStore;
  /** Secret for signing access tokens. */
  jwtSecret: Uint8Array;
  close(): Promise<void>;
}

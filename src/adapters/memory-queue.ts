// Embedded job queue: in-process, priority then FIFO, bounded concurrency, retries with
// exponential backoff. Durability comes from the database: at start-up the scheduler re-queues
// CVs that were queued or processing when the process stopped.
import { type JobHandler, type JobQueue, type ProcessCvJob, UnrecoverableJobError } from "../ports.ts";

interface Entry {
  job: ProcessCvJob;
  priority: number;
  attempt: number;
}

export interface MemoryQueueOptions {
  attempts: number;
  backoffMs: number;
}

export function createMemoryQueue(options: MemoryQueueOptions): JobQueue {
  // Higher priority first; within a priority, first in first out.
  const waiting = new Map<number, Entry[]>();
  let waitingTotal = 0;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let handler: JobHandler | null = null;
  let onFinalFailure: ((job: ProcessCvJob, error: Error) => Promise<void>) | null = null;
  let concurrency = 0;
  let closed = false;

  const push = (entry: Entry) => {
    const list = waiting.get(entry.priority) ?? [];
    if (list.length === 0) waiting.set(entry.priority, list);
    list.push(entry);
    waitingTotal++;
  };
  const shift = (): Entry | undefined => {
    let best: number | undefined;
    for (const [priority, list] of waiting) {
      if (list.length > 0 && (best === undefined || priority > best)) best = priority;
    }
    if (best === undefined) return undefined;
    waitingTotal--;
    const list = waiting.get(best)!;
    const entry = list.shift();
    if (list.length === 0) waiting.delete(best);
    return entry;
  };

  const pump = () => {
    while (!closed && handler && running.size < concurrency && waitingTotal > 0) {
      const entry = shift()!;
      const task = run(entry).finally(() => {
        running.delete(task);
        pump();
      });
      running.add(task);
    }
  };

  const run = async (entry: Entry) => {
    try {
      await handler!(entry.job, entry.attempt);
    } catch (raw) {
      const error = raw instanceof Error ? raw : new Error(String(raw));
      const retry = !(error instanceof UnrecoverableJobError) && entry.attempt < options.attempts && !closed;
      if (retry) {
        const delay = options.backoffMs * 2 ** (entry.attempt - 1);
        const timer = setTimeout(() => {
          timers.delete(timer);
          push({ ...entry, attempt: entry.attempt + 1 });
          pump();
        }, delay);
        timers.add(timer);
      } else {
        await onFinalFailure?.(entry.job, error).catch(() => {});
      }
    }
  };

  return {
    async enqueue(jobs, opts) {
      if (closed) throw new Error("queue is closed");
      for (const job of jobs) push({ job, priority: opts?.priority ?? 0, attempt: 1 });
      pump();
    },
    async startWorker(h, opts) {
      handler = h;
      onFinalFailure = opts.onFinalFailure;
      concurrency = opts.concurrency + (opts.prefetch ?? 0);
      pump();
    },
    async waitingCount() {
      return waitingTotal;
    },
    async ping() {},
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}

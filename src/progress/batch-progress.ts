// Publishes `batch_progress` after stage changes. Computing the queue status costs three queries,
// so with hundreds of CVs changing stage each second the requests for one batch are coalesced:
// at most one publish per interval per batch, and always one after the last change.
import type { EventBus } from "../ports.ts";
import type { QueueStatus } from "./events.ts";

export interface BatchProgressPublisher {
  /** Asks for a batch_progress event soon; `immediate` skips the coalescing window. */
  request(batchId: string, userId: string, immediate?: boolean): void;
  /** Publishes everything pending now; used at shutdown and by tests. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function createBatchProgressPublisher(options: {
  events: EventBus;
  queueStatus: (batchId: string) => Promise<QueueStatus>;
  intervalMs: number;
  onError?: (error: unknown) => void;
}): BatchProgressPublisher {
  const pending = new Map<string, { userId: string; timer: NodeJS.Timeout | null }>();
  const lastPublished = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;

  // One chain per batch: each status is computed after the previous one was published, so the
  // last event of a batch always reflects its latest state.
  const chains = new Map<string, Promise<void>>();

  const publish = (batchId: string) => {
    const entry = pending.get(batchId);
    if (!entry) return;
    pending.delete(batchId);
    if (entry.timer) clearTimeout(entry.timer);
    lastPublished.set(batchId, Date.now());
    const task = (chains.get(batchId) ?? Promise.resolve())
      .then(() => options.queueStatus(batchId))
      .then((status) =>
        options.events.publish({
          type: "batch_progress",
          user_id: entry.userId,
          timestamp: Date.now(),
          ...status,
        }),
      )
      .catch((error) => options.onError?.(error))
      .finally(() => {
        inFlight.delete(task);
        if (chains.get(batchId) === task) chains.delete(batchId);
      });
    chains.set(batchId, task);
    inFlight.add(task);
    // Forget batches not heard of for a while, so a long-running worker does not accumulate them.
    if (lastPublished.size > 10_000) lastPublished.clear();
  };

  return {
    request(batchId, userId, immediate = false) {
      if (closed) return;
      const existing = pending.get(batchId);
      if (existing && !immediate) return;
      if (!existing) pending.set(batchId, { userId, timer: null });
      const since = Date.now() - (lastPublished.get(batchId) ?? 0);
      if (immediate || since >= options.intervalMs) {
        publish(batchId);
        return;
      }
      const entry = pending.get(batchId)!;
      entry.timer = setTimeout(() => publish(batchId), options.intervalMs - since);
    },
    async flush() {
      for (const batchId of [...pending.keys()]) publish(batchId);
      await Promise.allSettled([...inFlight]);
    },
    async close() {
      await this.flush();
      closed = true;
      lastPublished.clear();
    },
  };
}

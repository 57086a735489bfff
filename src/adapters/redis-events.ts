// Distributed event bus: Redis pub/sub, one channel per user, so any API replica can deliver
// events produced by any worker without polling the database.
import { Redis } from "ioredis";
import type { EventBus, EventListener } from "../ports.ts";
import { type ProgressEvent, progressEventSchema } from "../progress/events.ts";

export async function createRedisEventBus(url: string, prefix: string): Promise<EventBus> {
  // The events published in one turn of the event loop go out as one message per user (a JSON
  // array), and those messages in one write: a worker publishes several events per CV, and one
  // PUBLISH per event cost more CPU in the worker, Redis and every API replica than the events do.
  const publisher = new Redis(url, {
    maxRetriesPerRequest: 3,
    lazyConnect: true,
    enableAutoPipelining: true,
  });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const channel = (userId: string) => `${prefix}:events:${userId}`;
  const listeners = new Map<string, Set<EventListener>>();
  const outbox = new Map<string, { events: ProgressEvent[]; sent: Array<(error?: unknown) => void> }>();
  let flushScheduled = false;
  const flush = () => {
    flushScheduled = false;
    const batches = [...outbox.entries()];
    outbox.clear();
    return batches.map(([userId, { events, sent }]) =>
      publisher.publish(channel(userId), JSON.stringify(events)).then(
        () => {
          for (const done of sent) done();
        },
        (error: unknown) => {
          for (const done of sent) done(error);
        },
      ),
    );
  };

  subscriber.on("message", (ch: string, message: string) => {
    const userId = ch.slice(channel("").length);
    const set = listeners.get(userId);
    if (!set) return;
    let items: unknown[];
    try {
      const parsed: unknown = JSON.parse(message);
      // One event per message is what an older worker publishes.
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      return; // Not ours: drop rather than crash the API process.
    }
    // A malformed event is dropped alone, not with the events sent beside it.
    const events = items.flatMap((item) => {
      const result = progressEventSchema.safeParse(item);
      return result.success ? [result.data] : [];
    });
    for (const event of events) {
      for (const listener of set) {
        try {
          listener(event);
        } catch {
          // One broken subscriber must not stop the others.
        }
      }
    }
  });

  return {
    publish(event) {
      return new Promise<void>((resolve, reject) => {
        let batch = outbox.get(event.user_id);
        if (!batch) {
          batch = { events: [], sent: [] };
          outbox.set(event.user_id, batch);
        }
        batch.events.push(event);
        batch.sent.push((error) => (error === undefined ? resolve() : reject(error)));
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },
    async subscribe(userId, listener) {
      let set = listeners.get(userId);
      if (!set) {
        set = new Set();
        listeners.set(userId, set);
        await subscriber.subscribe(channel(userId));
      }
      set.add(listener);
      return async () => {
        const current = listeners.get(userId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) {
          listeners.delete(userId);
          await subscriber.unsubscribe(channel(userId)).catch(() => {});
        }
      };
    },
    async ping() {
      await publisher.ping();
    },
    async close() {
      listeners.clear();
      // Events already published are delivered before the connection goes.
      if (flushScheduled) await Promise.all(flush());
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

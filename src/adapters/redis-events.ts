// Distributed event bus: Redis pub/sub, one channel per user, so any API replica can deliver
// events produced by any worker without polling the database.
import { Redis } from "ioredis";
import type { EventBus, EventListener } from "../ports.ts";
import { type ProgressEvent, progressEventSchema } from "../progress/events.ts";

export async function createRedisEventBus(url: string, prefix: string): Promise<EventBus> {
  // Auto-pipelining sends the events published in one turn of the event loop in one write, instead of
  // one socket write per event (a worker publishes several per CV and stage).
  const publisher = new Redis(url, {
    maxRetriesPerRequest: 3,
    lazyConnect: true,
    enableAutoPipelining: true,
  });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const channel = (userId: string) => `${prefix}:events:${userId}`;
  const listeners = new Map<string, Set<EventListener>>();

  subscriber.on("message", (ch: string, message: string) => {
    const userId = ch.slice(channel("").length);
    const set = listeners.get(userId);
    if (!set) return;
    let event: ProgressEvent;
    try {
      event = progressEventSchema.parse(JSON.parse(message));
    } catch {
      return; // Not ours or malformed: drop rather than crash the API process.
    }
    for (const listener of set) {
      try {
        listener(event);
      } catch {
        // One broken subscriber must not stop the others.
      }
    }
  });

  return {
    async publish(event) {
      await publisher.publish(channel(event.user_id), JSON.stringify(event));
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
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}

// Embedded event bus: in-process listeners per user.
import type { EventBus, EventListener } from "../ports.ts";

export function createMemoryEventBus(): EventBus {
  const listeners = new Map<string, Set<EventListener>>();
  return {
    async publish(event) {
      for (const listener of listeners.get(event.user_id) ?? []) {
        try {
          listener(event);
        } catch {
          // One broken subscriber must not stop the others or the pipeline.
        }
      }
    },
    async subscribe(userId, listener) {
      const set = listeners.get(userId) ?? new Set();
      listeners.set(userId, set);
      set.add(listener);
      return async () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
    async ping() {},
    async close() {
      listeners.clear();
    },
  };
}

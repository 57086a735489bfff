// Embedded rate-limit counters: one process, one map.
import type { RateLimitStore } from "../ports.ts";

const SWEEP_EVERY_MS = 60_000;

export function createMemoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { count: number; resetAt: number }>();
  let nextSweep = Date.now() + SWEEP_EVERY_MS;
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      // Ended windows are dropped now and then, so keys seen once (e.g. a client address) do not pile up.
      if (now >= nextSweep) {
        for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        nextSweep = now + SWEEP_EVERY_MS;
      }
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowMs };
        windows.set(key, w);
      }
      w.count++;
      return { count: w.count, resetAt: w.resetAt };
    },
    async close() {
      windows.clear();
    },
  };
}

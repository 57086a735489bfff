// The worker's concurrency bounds the CVs inside the AI stages (parsing and matching: the slow,
// paid, rate-limited calls). The worker takes more jobs than that (prefetchFor), so their claim, download,
// extraction and result write overlap other CVs' AI calls instead of leaving an AI slot idle.
// Waiters are served first come, first served.
export interface AiSlots {
  /** Waits for a free slot; the returned function frees it (calling it twice frees it once). */
  acquire(): Promise<() => void>;
}

export function createAiSlots(size: number): AiSlots {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("AI slots must be a positive integer");
  let used = 0;
  const waiters: Array<() => void> = [];

  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiters.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot take it in between.
      if (next) next();
      else used--;
    };
  };

  return {
    acquire() {
      if (used < size) {
        used++;
        return Promise.resolve(releaser());
      }
      return new Promise((resolve) => {
        waiters.push(() => resolve(releaser()));
      });
    },
  };
}

/**
 * Jobs a worker holds beyond its AI concurrency. As many again: under load the claim, download,
 * extraction and completion write take 25–50% of a 200 ms AI step, and queueing makes them bursty.
 * Not more: with several workers, the jobs one holds wait for its AI slots while another may idle.
 */
export function prefetchFor(concurrency: number): number {
  return concurrency;
}

import { describe, expect, it } from "vitest";
import { estimateBatchTime } from "../../src/progress/eta.ts";

/** Reference: simulate every queued CV taking the earliest free slot. */
function simulate(avg: number, running: number[], queued: number, parallelism: number) {
  const slots = running.map((e) => Math.max(avg - e, avg * 0.1));
  while (slots.length < Math.max(1, parallelism)) slots.push(0);
  const waits: number[] = [];
  for (let i = 0; i < queued; i++) {
    slots.sort((a, b) => a - b);
    waits.push(slots[0]!);
    slots[0]! += avg;
  }
  return { finish: Math.max(0, ...slots), waits };
}

describe("estimateBatchTime", () => {
  it("divides the work across parallel slots instead of summing it", () => {
    const r = estimateBatchTime({
      avgServiceSeconds: 40,
      runningElapsedSeconds: [],
      queuedCount: 50,
      parallelism: 5,
      detailLimit: 50,
    });
    // The design document's formula would say 50 × 40 = 2000 s.
    expect(r.estimatedSeconds).toBe(400);
    expect(r.queuedWaitSeconds.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 40, 40]);
  });

  it("agrees with a full simulation, including the arithmetic tail past the detail list", () => {
    for (const [avg, running, queued, parallelism, detail] of [
      [30, [5, 29, 50], 101, 3, 10],
      [12.5, [1], 7, 4, 50],
      [40, [], 0, 1, 50],
      [8, [2, 3, 4, 5, 6, 7], 1000, 6, 25],
    ] as const) {
      const expected = simulate(avg, [...running], queued, parallelism);
      const got = estimateBatchTime({
        avgServiceSeconds: avg,
        runningElapsedSeconds: [...running],
        queuedCount: queued,
        parallelism,
        detailLimit: detail,
      });
      expect(got.estimatedSeconds).toBeCloseTo(expected.finish, 6);
      expect(got.queuedWaitSeconds).toEqual(expected.waits.slice(0, detail));
    }
  });

  it("is zero for a finished batch", () => {
    expect(
      estimateBatchTime({
        avgServiceSeconds: 40,
        runningElapsedSeconds: [],
        queuedCount: 0,
        parallelism: 4,
        detailLimit: 5,
      }).estimatedSeconds,
    ).toBe(0);
  });
});

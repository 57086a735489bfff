import { expect, it } from "vitest";
import { createAiSlots, prefetchFor } from "../../src/pipeline/ai-slots.ts";

it("holds at most `size` slots and hands a freed slot to the longest waiter", async () => {
  const slots = createAiSlots(2);
  const a = await slots.acquire();
  const b = await slots.acquire();
  expect(slots.inUse()).toBe(2);
  const order: string[] = [];
  const c = slots.acquire().then((release) => {
    order.push("c");
    return release;
  });
  const d = slots.acquire().then((release) => {
    order.push("d");
    return release;
  });
  await Promise.resolve();
  expect(order).toEqual([]);
  a();
  const releaseC = await c;
  expect(order).toEqual(["c"]);
  expect(slots.inUse()).toBe(2);
  b();
  const releaseD = await d;
  expect(order).toEqual(["c", "d"]);
  releaseC();
  releaseD();
  expect(slots.inUse()).toBe(0);
});

it("frees a slot once however often its release is called", async () => {
  const slots = createAiSlots(1);
  const release = await slots.acquire();
  const waiter = slots.acquire();
  release();
  release();
  const second = await waiter;
  expect(slots.inUse()).toBe(1);
  let third = false;
  void slots.acquire().then(() => {
    third = true;
  });
  await new Promise((r) => setImmediate(r));
  expect(third).toBe(false);
  second();
  await new Promise((r) => setImmediate(r));
  expect(third).toBe(true);
});

it("rejects a size that is not a positive integer", () => {
  expect(() => createAiSlots(0)).toThrow(RangeError);
  expect(() => createAiSlots(1.5)).toThrow(RangeError);
});

it("takes as many extra jobs as AI slots", () => {
  expect(prefetchFor(1)).toBe(1);
  expect(prefetchFor(50)).toBe(50);
});

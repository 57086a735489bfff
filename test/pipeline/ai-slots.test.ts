import { expect, it } from "vitest";
import { createAiSlots, prefetchFor } from "../../src/pipeline/ai-slots.ts";

const settle = () => new Promise((r) => setImmediate(r));

/** Whether an acquire resolves now, i.e. a slot is free. */
async function freeSlot(slots: ReturnType<typeof createAiSlots>): Promise<(() => void) | null> {
  let release: (() => void) | null = null;
  void slots.acquire().then((r) => {
    release = r;
  });
  await settle();
  return release;
}

it("holds at most `size` slots and hands a freed slot to the longest waiter", async () => {
  const slots = createAiSlots(2);
  const a = await slots.acquire();
  const b = await slots.acquire();
  const order: string[] = [];
  const c = slots.acquire().then((release) => {
    order.push("c");
    return release;
  });
  const d = slots.acquire().then((release) => {
    order.push("d");
    return release;
  });
  await settle();
  expect(order).toEqual([]);
  a();
  const releaseC = await c;
  await settle();
  expect(order).toEqual(["c"]);
  b();
  const releaseD = await d;
  expect(order).toEqual(["c", "d"]);
  releaseC();
  releaseD();
  // Both slots are free again.
  expect(await freeSlot(slots)).not.toBeNull();
  expect(await freeSlot(slots)).not.toBeNull();
  expect(await freeSlot(slots)).toBeNull();
});

it("frees a slot once however often its release is called", async () => {
  const slots = createAiSlots(1);
  const release = await slots.acquire();
  const waiter = slots.acquire();
  release();
  release();
  const second = await waiter;
  let third = false;
  void slots.acquire().then(() => {
    third = true;
  });
  await settle();
  expect(third).toBe(false);
  second();
  await settle();
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

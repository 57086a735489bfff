import { describe, expect, it } from "vitest";
import { createMicroBatcher } from "../../src/pipeline/micro-batch.ts";

describe("micro-batcher", () => {
  it("writes calls of one turn together, in order, and those arriving meanwhile in the next batch", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const write = async (items: number[]) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
      return items.map((i) => i * 10);
    };
    const call = createMicroBatcher(write, 3);
    const first = [1, 2].map(call);
    await new Promise((r) => setImmediate(r));
    const later = [3, 4, 5, 6].map(call); // arrive while the first batch is written
    release();
    expect(await Promise.all([...first, ...later])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1, 2], [3, 4, 5], [6]]);
  });

  it("rejects every call of a failed batch and keeps going", async () => {
    let fail = true;
    const call = createMicroBatcher(async (items: string[]) => {
      if (fail) throw new Error("database down");
      return items.map((s) => s.toUpperCase());
    });
    await expect(Promise.all([call("a"), call("b")])).rejects.toThrow("database down");
    fail = false;
    expect(await call("c")).toBe("C");
  });
});

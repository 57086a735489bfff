import { describe, expect, it } from "vitest";
import { createExtractionPool } from "../../src/extraction/pool.ts";
import { ExtractionError } from "../../src/extraction/types.ts";

const limits = { maxPages: 30, timeoutMs: 30_000, maxUnzippedBytes: 50_000_000 };
const plain = new TextEncoder().encode(
  "Jane Doe\njane@example.com\n\nExperience\nEngineer at Acme, 2019 - 2024\n",
);

describe("extraction pool (worker threads)", () => {
  it("extracts in a worker and rejects unreadable files with an ExtractionError", async () => {
    const pool = createExtractionPool({ size: 2, limits });
    try {
      const docs = await Promise.all([pool.extract(plain, "cv.txt"), pool.extract(plain, "cv2.txt")]);
      for (const doc of docs) {
        expect(doc.format).toBe("txt");
        expect(doc.text).toContain("jane@example.com");
      }
      const err = await pool.extract(new Uint8Array([0, 1, 2, 3, 0, 9]), "cv.pdf").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ExtractionError);
      expect((err as ExtractionError).reason).toBe("unsupported-format");
      // The caller's bytes are untouched (the pool transfers a copy).
      expect(plain.byteLength).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it("terminates a parse that exceeds the time limit and keeps serving with a fresh worker", async () => {
    // 1 ms is far shorter than reading 8 MB of text (tens of milliseconds at least), so the timer
    // always fires first: every job times out, each time on a new worker.
    const pool = createExtractionPool({ size: 1, limits: { ...limits, timeoutMs: 1 } });
    const large = new TextEncoder().encode("Jane Doe, engineer. ".repeat(400_000));
    try {
      for (let i = 0; i < 2; i++) {
        const err = await pool.extract(large, "cv.txt").catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ExtractionError);
        expect((err as ExtractionError).reason).toBe("timeout");
      }
    } finally {
      await pool.close();
    }
  });

  it("rejects pending work when closed", async () => {
    const pool = createExtractionPool({ size: 1, limits });
    const pending = pool.extract(plain, "cv.txt").catch((e: unknown) => e);
    await pool.close();
    expect(String(await pending)).toMatch(/closed/);
    await expect(pool.extract(plain, "cv.txt")).rejects.toThrow(/closed/);
  });
});

describe("extraction pool limits", () => {
  it("fails queued work instead of respawning forever when workers cannot start", async () => {
    // 2 MB of heap is too little to load the worker's modules: every worker dies before it is ready.
    const pool = createExtractionPool({ size: 1, limits, maxMemoryMb: 2 });
    try {
      await expect(pool.extract(plain, "cv.txt")).rejects.toThrow(/failed to start/);
    } finally {
      await pool.close();
    }
  });
});

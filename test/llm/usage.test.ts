// The usage ledger on a real (in-memory PGlite) database with the real migrations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { cvs } from "../../src/db/schema.ts";
import { costSummary, type LlmCall, recordLlmUsage } from "../../src/llm/usage.ts";
import { createBatch, createUser } from "../support/db-fixtures.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openMemoryPglite();
  await handle.migrate();
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

async function createCv(batchId: string, userId: string, name: string): Promise<string> {
  const [row] = await handle.db
    .insert(cvs)
    .values({
      batchId,
      userId,
      filename: `${name}.pdf`,
      mimeType: "application/pdf",
      sizeBytes: 1,
      sha256: `${name}-${crypto.randomUUID()}`,
      storageKey: name,
    })
    .returning({ id: cvs.id });
  return row!.id;
}

const call = (stage: string, input: number, cached: number, output: number, costUsd: number): LlmCall => ({
  stage,
  provider: "openai",
  model: "gpt-4o-mini",
  inputTokens: input,
  cachedInputTokens: cached,
  outputTokens: output,
  costUsd,
  latencyMs: 120,
});

describe("recordLlmUsage and costSummary", () => {
  it("sums tokens and cost per CV, batch and account, by stage", async () => {
    const db = handle.db;
    const user = await createUser(db);
    const other = await createUser(db);
    const batch = await createBatch(db, user, null);
    const otherBatch = await createBatch(db, user, null);
    const cvA = await createCv(batch, user, "a");
    const cvB = await createCv(batch, user, "b");
    const cvC = await createCv(otherBatch, user, "c");
    const cvX = await createCv(await createBatch(db, other, null), other, "x");

    await recordLlmUsage(db, [
      { ...call("parsing", 1000, 0, 400, 0.0004), userId: user, cvId: cvA },
      { ...call("parsing", 1100, 0, 420, 0.00045), userId: user, cvId: cvA },
      { ...call("matching", 2000, 1536, 300, 0.0003), userId: user, cvId: cvA },
      { ...call("matching", 2100, 1536, 310, 0.00031), userId: user, cvId: cvB },
      { ...call("matching", 5000, 0, 100, 0.001), userId: user, cvId: cvC },
      { ...call("jd_builder", 700, 0, 200, 0.0002), userId: user, cvId: null },
      { ...call("parsing", 9999, 0, 9999, 1), userId: other, cvId: cvX },
    ]);

    const a = await costSummary(db, { cvId: cvA });
    expect(a.input_tokens).toBe(4100);
    expect(a.cached_input_tokens).toBe(1536);
    expect(a.output_tokens).toBe(1120);
    expect(a.calls).toBe(3);
    expect(a.total_cost_usd).toBeCloseTo(0.00115, 12);
    expect(Object.keys(a.by_stage).sort()).toEqual(["matching", "parsing"]);
    expect(a.by_stage.parsing).toEqual({
      input_tokens: 2100,
      output_tokens: 820,
      cached_input_tokens: 0,
      total_cost_usd: expect.closeTo(0.00085, 12),
      calls: 2,
    });

    const b = await costSummary(db, { batchId: batch });
    expect(b.input_tokens).toBe(6200);
    expect(b.cached_input_tokens).toBe(3072);
    expect(b.by_stage.matching!.calls).toBe(2);
    expect(b.total_cost_usd).toBeCloseTo(0.00146, 12);

    const u = await costSummary(db, { userId: user });
    expect(u.calls).toBe(6);
    expect(u.by_stage.jd_builder!.input_tokens).toBe(700);
    expect(u.total_cost_usd).toBeCloseTo(0.00266, 12);
  });

  it("reports zero for work that made no LLM calls", async () => {
    const user = await createUser(handle.db);
    const batch = await createBatch(handle.db, user, null);
    const cv = await createCv(batch, user, "offline");
    await recordLlmUsage(handle.db, []);
    for (const scope of [{ cvId: cv }, { batchId: batch }, { userId: user }]) {
      expect(await costSummary(handle.db, scope)).toEqual({
        input_tokens: 0,
        output_tokens: 0,
        cached_input_tokens: 0,
        total_cost_usd: 0,
        calls: 0,
        by_stage: {},
      });
    }
  });
});

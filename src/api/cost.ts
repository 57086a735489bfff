// The `cost` object of CVs, batches and accounts: a sum over the llm_usage rows in scope.
import { eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvs, llmUsage } from "../db/schema.ts";

export interface Cost {
  total_cost_usd: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  calls: number;
}

export type CostScope = { cvId: string } | { batchId: string } | { userId: string };

export async function costOf(db: Database, scope: CostScope): Promise<Cost> {
  const where =
    "cvId" in scope
      ? eq(llmUsage.cvId, scope.cvId)
      : "userId" in scope
        ? eq(llmUsage.userId, scope.userId)
        : inArray(llmUsage.cvId, db.select({ id: cvs.id }).from(cvs).where(eq(cvs.batchId, scope.batchId)));
  const rows = await db
    .select({
      cost: sql<number>`coalesce(sum(${llmUsage.costUsd}), 0)::float8`,
      input: sql<number>`coalesce(sum(${llmUsage.inputTokens}), 0)::int`,
      cached: sql<number>`coalesce(sum(${llmUsage.cachedInputTokens}), 0)::int`,
      output: sql<number>`coalesce(sum(${llmUsage.outputTokens}), 0)::int`,
      calls: sql<number>`count(*)::int`,
    })
    .from(llmUsage)
    .where(where);
  const row = rows[0];
  return {
    total_cost_usd: Math.round((row?.cost ?? 0) * 1e6) / 1e6,
    input_tokens: row?.input ?? 0,
    cached_input_tokens: row?.cached ?? 0,
    output_tokens: row?.output ?? 0,
    calls: row?.calls ?? 0,
  };
}

// LLM usage ledger: one row per provider call, and the cost summaries the API reports (per CV, batch or
// account). Offline work makes no calls, so it costs 0 by construction.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvs, llmUsage } from "../db/schema.ts";
import type { LlmProvider } from "./client.ts";

export interface LlmCall {
  /** Which step made the call ("parsing", "matching", "jd_builder"). */
  stage: string;
  provider: LlmProvider;
  model: string;
  inputTokens: number;
  cachedInputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencyMs: number;
}

export type LlmUsageRow = LlmCall & { userId: string; cvId: string | null; jobDescriptionId?: string | null };

export async function recordLlmUsage(db: Database, rows: LlmUsageRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(llmUsage).values(
    rows.map((r) => ({
      userId: r.userId,
      cvId: r.cvId,
      jobDescriptionId: r.jobDescriptionId ?? null,
      stage: r.stage,
      provider: r.provider,
      model: r.model,
      inputTokens: r.inputTokens,
      cachedInputTokens: r.cachedInputTokens,
      outputTokens: r.outputTokens,
      costUsd: r.costUsd,
      latencyMs: r.latencyMs,
    })),
  );
}

export interface UsageTotals {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  total_cost_usd: number;
  calls: number;
}

export interface CostSummary extends UsageTotals {
  by_stage: Record<string, UsageTotals>;
}

export type CostScope = { cvId: string } | { batchId: string } | { userId: string };

/** Token and cost totals for a CV, a batch (its CVs' calls) or an account (everything it was billed). */
export async function costSummary(db: Database, scope: CostScope): Promise<CostSummary> {
  const totals = {
    input_tokens: sql<number>`coalesce(sum(${llmUsage.inputTokens}), 0)`.mapWith(Number),
    output_tokens: sql<number>`coalesce(sum(${llmUsage.outputTokens}), 0)`.mapWith(Number),
    cached_input_tokens: sql<number>`coalesce(sum(${llmUsage.cachedInputTokens}), 0)`.mapWith(Number),
    total_cost_usd: sql<number>`coalesce(sum(${llmUsage.costUsd}), 0)`.mapWith(Number),
    calls: sql<number>`count(*)`.mapWith(Number),
  };
  const base = db.select({ stage: llmUsage.stage, ...totals }).from(llmUsage);
  const query =
    "batchId" in scope
      ? base.innerJoin(cvs, eq(cvs.id, llmUsage.cvId)).where(eq(cvs.batchId, scope.batchId))
      : base.where("cvId" in scope ? eq(llmUsage.cvId, scope.cvId) : eq(llmUsage.userId, scope.userId));
  const rows = await query.groupBy(llmUsage.stage).orderBy(llmUsage.stage);

  const summary: CostSummary = {
    input_tokens: 0,
    output_tokens: 0,
    cached_input_tokens: 0,
    total_cost_usd: 0,
    calls: 0,
    by_stage: {},
  };
  for (const { stage, ...row } of rows) {
    summary.by_stage[stage] = row;
    summary.input_tokens += row.input_tokens;
    summary.output_tokens += row.output_tokens;
    summary.cached_input_tokens += row.cached_input_tokens;
    summary.total_cost_usd += row.total_cost_usd;
    summary.calls += row.calls;
  }
  return summary;
}

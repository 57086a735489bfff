// Batch rows to API objects, with their status counts and cost (one grouped query each per page).
import { eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/database.ts";
import { type CV_STATUSES, cvBatches, cvs, jobDescriptions, llmUsage } from "../../db/schema.ts";
import type { UsageTotals } from "../../llm/usage.ts";
import { toIso } from "../schemas/common.ts";

type BatchRow = typeof cvBatches.$inferSelect & { jdTitle: string | null };
type Counts = Record<(typeof CV_STATUSES)[number] | "total", number>;

const emptyCounts = (): Counts => ({
  total: 0,
  uploaded: 0,
  queued: 0,
  processing: 0,
  completed: 0,
  failed: 0,
});
const emptyCost = (): UsageTotals => ({
  total_cost_usd: 0,
  input_tokens: 0,
  cached_input_tokens: 0,
  output_tokens: 0,
  calls: 0,
});

/** Batch columns plus the linked JD's title. */
export function selectBatches(db: Database) {
  return db
    .select({ ...getTableColumns(cvBatches), jdTitle: jobDescriptions.title })
    .from(cvBatches)
    .leftJoin(jobDescriptions, eq(jobDescriptions.id, cvBatches.jobDescriptionId));
}

export async function batchViews(db: Database, rows: BatchRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [countRows, costRows] = await Promise.all([
    db
      .select({ batchId: cvs.batchId, status: cvs.status, n: sql<number>`count(*)::int` })
      .from(cvs)
      .where(inArray(cvs.batchId, ids))
      .groupBy(cvs.batchId, cvs.status),
    db
      .select({
        batchId: cvs.batchId,
        cost: sql<number>`coalesce(sum(${llmUsage.costUsd}), 0)::float8`,
        input: sql<number>`coalesce(sum(${llmUsage.inputTokens}), 0)::int`,
        cached: sql<number>`coalesce(sum(${llmUsage.cachedInputTokens}), 0)::int`,
        output: sql<number>`coalesce(sum(${llmUsage.outputTokens}), 0)::int`,
        calls: sql<number>`count(*)::int`,
      })
      .from(llmUsage)
      .innerJoin(cvs, eq(cvs.id, llmUsage.cvId))
      .where(inArray(cvs.batchId, ids))
      .groupBy(cvs.batchId),
  ]);
  const counts = new Map<string, Counts>();
  for (const r of countRows) {
    const c = counts.get(r.batchId) ?? emptyCounts();
    c[r.status] = r.n;
    c.total += r.n;
    counts.set(r.batchId, c);
  }
  const costs = new Map<string, UsageTotals>(
    costRows.map((r) => [
      r.batchId,
      {
        total_cost_usd: Math.round(r.cost * 1e6) / 1e6,
        input_tokens: r.input,
        cached_input_tokens: r.cached,
        output_tokens: r.output,
        calls: r.calls,
      },
    ]),
  );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    job_description_id: row.jobDescriptionId,
    job_description_title: row.jdTitle,
    department: row.department,
    location: row.location,
    priority: row.priority,
    shortlist_threshold: row.shortlistThreshold,
    status_counts: counts.get(row.id) ?? emptyCounts(),
    cost: costs.get(row.id) ?? emptyCost(),
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  }));
}

// CV rows to API objects. Stored JSON results are checked against their schemas on the way out:
// a result that no longer fits (e.g. written by an older version) is left out with a warning
// rather than failing the whole response.
import { sql } from "drizzle-orm";
import type { z } from "zod";
import type { cvs } from "../../db/schema.ts";
import { githubAnalysisSchema } from "../../github/schema.ts";
import type { CostSummary } from "../../llm/usage.ts";
import { matchDataSchema } from "../../matching/match-schema.ts";
import { parsedCvSchema } from "../../parsing/schema.ts";
import { STAGES, type Stage } from "../../progress/events.ts";
import { toIso, toIsoOrNull } from "../schemas/common.ts";

type CvRow = typeof cvs.$inferSelect;

const stageOf = (stage: string | null): Stage | null =>
  stage && (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : null;

/** The summary fields; `candidateName` comes from a JSON path selected by the query. */
export function cvSummaryView(
  row: Pick<
    CvRow,
    | "id"
    | "batchId"
    | "filename"
    | "mimeType"
    | "sizeBytes"
    | "status"
    | "stage"
    | "progress"
    | "error"
    | "jdMatchScore"
    | "shortlisted"
    | "createdAt"
    | "processedAt"
  > & { candidateName: string | null },
) {
  return {
    id: row.id,
    batch_id: row.batchId,
    filename: row.filename,
    mime_type: row.mimeType,
    size_bytes: row.sizeBytes,
    status: row.status,
    stage: stageOf(row.stage),
    progress: row.progress,
    error: row.error,
    candidate_name: row.candidateName,
    jd_match_score: row.jdMatchScore,
    shortlisted: row.shortlisted,
    created_at: toIso(row.createdAt),
    processed_at: toIsoOrNull(row.processedAt),
  };
}

export const candidateNameSql = sql<string | null>`(parsed_data ->> 'candidate_name')`;

export function cvDetailView(row: CvRow, cost: CostSummary) {
  const warnings = [...row.warnings];
  const checked = <T extends z.ZodType>(schema: T, value: unknown, name: string): z.output<T> | null => {
    if (value === null || value === undefined) return null;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    warnings.push(`stored ${name} does not match the current schema and is omitted`);
    return null;
  };
  const { candidate_name: _name, ...summary } = cvSummaryView({ ...row, candidateName: null });
  return {
    ...summary,
    warnings,
    attempts: row.attempts,
    jd_match_data: checked(matchDataSchema, row.jdMatchData, "jd_match_data"),
    parse_detail: checked(parsedCvSchema, row.parsedData, "parse_detail"),
    github_analysis: checked(githubAnalysisSchema, row.githubAnalysis, "github_analysis"),
    cost,
    processing_time_seconds: processingSeconds(row),
  };
}

/**
 * Service time, started → finished (completed or failed), to the millisecond: a CV that failed in
 * 40 ms took 0.04 s, which tenths would have shown as 0. Null when it never started or is not finished.
 */
function processingSeconds(row: Pick<CvRow, "startedAt" | "processedAt">): number | null {
  if (!row.startedAt || !row.processedAt) return null;
  return Math.max(0, row.processedAt.getTime() - row.startedAt.getTime()) / 1000;
}

/** `Content-Disposition` for a download: an ASCII fallback plus the exact name (RFC 6266/5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

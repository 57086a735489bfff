// The CLI's ranked results: one object per CV for --json, and a plain-text table for people.
import type { cvs } from "../db/schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { compareForRanking } from "../matching/ranking.ts";
import type { ParsedCv } from "../parsing/schema.ts";

export interface RankedCv {
  rank: number | null;
  filename: string;
  status: string;
  score: number | null;
  parse: ParsedCv | null;
  match: MatchData | null;
  error: string | null;
  warnings?: string[];
}

type CvRow = typeof cvs.$inferSelect;

/** Completed CVs in ranking order (the API's), then the failed ones. */
export function rankResults(rows: CvRow[]): RankedCv[] {
  const rankable = (r: CvRow) => ({ id: r.id, score: r.jdMatchScore, created_at: r.createdAt });
  const sorted = [...rows].sort(
    (a, b) =>
      Number(a.status !== "completed") - Number(b.status !== "completed") ||
      compareForRanking(rankable(a), rankable(b)),
  );
  return sorted.map((r, i) => ({
    rank: r.status === "completed" ? i + 1 : null,
    filename: r.filename,
    status: r.status,
    score: r.jdMatchScore,
    parse: (r.parsedData as ParsedCv | null) ?? null,
    match: (r.jdMatchData as MatchData | null) ?? null,
    error: r.error,
    warnings: r.warnings,
  }));
}

export function renderTable(rows: RankedCv[], options: { withScores: boolean }): string {
  const header = ["#", ...(options.withScores ? ["Score"] : []), "Name", "Current role", "File"];
  if (options.withScores) header.push("Matched", "Missing");
  header.push("Status");
  const body = rows.map((r) => {
    const cells = [
      r.rank === null ? "-" : String(r.rank),
      ...(options.withScores ? [r.score === null ? "-" : String(r.score)] : []),
      r.parse?.candidate_name ?? "-",
      r.parse?.current_role ?? "-",
      r.filename,
    ];
    if (options.withScores) {
      const tech = r.match?.technical_skills_match;
      cells.push(
        tech?.required_skills_matched
          .slice(0, 3)
          .map((s) => s.skill)
          .join(", ") || "-",
        tech?.required_skills_missing
          .slice(0, 3)
          .map((s) => s.skill)
          .join(", ") || "-",
      );
    }
    cells.push(r.status === "completed" ? "ok" : `${r.status}: ${r.error ?? "unknown error"}`);
    // Every column is kept narrow except the last: a failure's reason is printed whole.
    return cells.map((c, i) => (i === cells.length - 1 ? c : truncate(c, 40)));
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function truncate(text: string, max: number): string {
  const single = text.replace(/\s+/g, " ");
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

// Ranking CVs of one JD by match score, with tie-breaks that make the order total and reproducible.

export interface RankableCv {
  id: string;
  /** null when the CV has not been (or could not be) matched. */
  score: number | null;
  created_at: Date | string;
}

function time(value: Date | string): number {
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/** Score descending, unmatched last, then earlier upload first, then id ascending. */
export function compareForRanking(a: RankableCv, b: RankableCv): number {
  if (a.score === null && b.score !== null) return 1;
  if (b.score === null && a.score !== null) return -1;
  if (a.score !== null && b.score !== null && a.score !== b.score) return b.score - a.score;
  const ta = time(a.created_at);
  const tb = time(b.created_at);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function isShortlisted(score: number | null, threshold: number): boolean {
  return score !== null && score >= threshold;
}

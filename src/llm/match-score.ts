// The overall score from dimension scores, with the deterministic matcher's weights and caps
// (src/matching/deterministic-matcher.ts, `matchCv`). The LLM may move dimension scores a little; the
// overall is always recomputed here, never taken from the model. A test pins this to `matchCv`.
import type { JdRequirements } from "../matching/jd-schema.ts";
import type { Decision, MatchData } from "../matching/match-schema.ts";

export const DIMENSIONS = ["technical_skills", "experience", "education", "soft_skills"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type DimensionScores = Record<Dimension, number>;

export function dimensionScores(match: MatchData): DimensionScores {
  return {
    technical_skills: match.technical_skills_match.score,
    experience: match.experience_match.score,
    education: match.education_match.score,
    soft_skills: match.soft_skills_match.score,
  };
}

export function clamp100(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}

/** Weighted sum with the applied weights, then the same caps the deterministic matcher applies. */
export function overallScore(match: MatchData, scores: DimensionScores, req: JdRequirements): number {
  const w = match.weights;
  let overall =
    scores.technical_skills * w.technical_skills +
    scores.experience * w.experience +
    scores.education * w.education +
    scores.soft_skills * w.soft_skills;
  // A missing critical skill cannot be outweighed by the rest.
  const critical = match.technical_skills_match.required_skills_missing.filter(
    (m) => m.importance === "critical",
  );
  const without = critical.filter((m) => m.alternatives_found.length === 0).length;
  const withAlt = critical.length - without;
  if (critical.length > 0) {
    overall *= Math.max(0.3, 1 - 0.4 * without - 0.15 * withAlt);
    overall = Math.min(overall, without > 0 ? 49 : 64);
  }
  const edu = match.education_match;
  if (edu.status === "assessed" && edu.assessment === "below" && req.education_requirements.required)
    overall = Math.min(overall, 55);
  return clamp100(overall);
}

export function decisionFor(score: number): Decision {
  if (score >= 80) return "strong-yes";
  if (score >= 65) return "yes";
  if (score >= 50) return "maybe";
  if (score >= 35) return "no";
  return "strong-no";
}

export const NEXT_STEPS: Record<Decision, string> = {
  "strong-yes": "Schedule a technical interview",
  yes: "Schedule a screening call",
  maybe: "Review manually; screen on the open points before deciding",
  no: "Keep on file; not a fit for this role as described",
  "strong-no": "Decline",
};

// Applying the model's review to a deterministic match: each dimension moves at most ±MAX_ADJUSTMENT,
// the overall is recomputed with the deterministic weights and caps, narrative comes from the model, and
// strengths keep only evidence lines found in the CV text.
import { z } from "zod";
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { normalizeWords } from "./grounding.ts";
import {
  clamp100,
  DIMENSIONS,
  type Dimension,
  type DimensionScores,
  decisionFor,
  dimensionScores,
  NEXT_STEPS,
  overallScore,
} from "./match-score.ts";

export const LLM_MATCH_VERSION = "llm-1";
/** How far the model may move one dimension score. */
export const MAX_ADJUSTMENT = 10;
const MAX_NARRATIVE_CHARS = 1500;
const MAX_LIST = 8;

const adjustmentSchema = z.object({ delta: z.number(), reason: z.string() });
// No numeric bounds in the schema: an out-of-range delta is clamped, not sent back for repair.
export const llmMatchOutputSchema = z.object({
  match_summary: z.string(),
  reasoning: z.string(),
  interview_focus_areas: z.array(z.string()),
  strengths: z.array(z.object({ strength: z.string(), evidence: z.array(z.string()) })),
  adjustments: z.object({
    technical_skills: adjustmentSchema,
    experience: adjustmentSchema,
    education: adjustmentSchema,
    soft_skills: adjustmentSchema,
  }),
});
export type LlmMatchOutput = z.infer<typeof llmMatchOutputSchema>;
const STATUS_OF: Record<Dimension, (m: MatchData) => string> = {
  technical_skills: (m) => m.technical_skills_match.status,
  experience: (m) => m.experience_match.status,
  education: (m) => m.education_match.status,
  soft_skills: (m) => m.soft_skills_match.status,
};

/** Bounded score moves, recomputed overall, narrative from the model, evidence checked against the CV. */
export function applyReview(
  det: MatchData,
  review: LlmMatchOutput,
  jd: JobDescriptionInput,
  blindCvText: string,
): MatchData {
  const before = dimensionScores(det);
  const after = { ...before } as DimensionScores;
  const notes: string[] = [];
  for (const d of DIMENSIONS) {
    if (STATUS_OF[d](det) === "not-required") continue;
    const raw = Number.isFinite(review.adjustments[d].delta) ? Math.round(review.adjustments[d].delta) : 0;
    const delta = Math.max(-MAX_ADJUSTMENT, Math.min(MAX_ADJUSTMENT, raw));
    after[d] = clamp100(before[d] + delta);
    const applied = after[d] - before[d];
    if (applied !== 0)
      notes.push(
        `${d.replace("_", " ")} ${applied > 0 ? "+" : ""}${applied} (${clip(review.adjustments[d].reason, 200)})`,
      );
  }
  const score = overallScore(det, after, jd.requirements);
  const decision = decisionFor(score);

  const cv = ` ${normalizeWords(blindCvText)} `;
  const grounded = (line: string) => {
    const n = normalizeWords(line);
    return n.length > 0 && cv.includes(` ${n} `);
  };
  const strengths = review.strengths
    .map((s) => ({ strength: clip(s.strength, 300), evidence: s.evidence.filter(grounded).slice(0, 3) }))
    .filter((s) => s.strength.length > 0 && s.evidence.length > 0)
    .slice(0, MAX_LIST);
  const focus = review.interview_focus_areas
    .map((f) => clip(f, 300))
    .filter(Boolean)
    .slice(0, MAX_LIST);
  const reasoning = [
    clip(review.reasoning, MAX_NARRATIVE_CHARS),
    notes.length > 0 ? `Score adjustments: ${notes.join("; ")}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return {
    ...det,
    engine: "llm",
    engine_version: `${LLM_MATCH_VERSION}+${det.engine_version}`,
    overall_match_score: score,
    match_summary: `${clip(review.match_summary, MAX_NARRATIVE_CHARS)} Score ${score}/100.`.trim(),
    technical_skills_match: { ...det.technical_skills_match, score: after.technical_skills },
    experience_match: { ...det.experience_match, score: after.experience },
    education_match: { ...det.education_match, score: after.education },
    soft_skills_match: { ...det.soft_skills_match, score: after.soft_skills },
    strengths: strengths.length > 0 ? strengths : det.strengths,
    recommendation: {
      ...det.recommendation,
      decision,
      reasoning: reasoning || det.recommendation.reasoning,
      interview_focus_areas: focus.length > 0 ? focus : det.recommendation.interview_focus_areas,
      next_steps:
        decision === det.recommendation.decision ? det.recommendation.next_steps : NEXT_STEPS[decision],
    },
  };
}

function clip(s: string, max: number): string {
  const t = s.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

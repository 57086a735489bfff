// LLM refinement of a deterministic match. The model writes the narrative (summary, reasoning, interview
// focus, strengths wording) and may move each dimension score by at most ±10 with a reason; the overall
// score is recomputed from the dimensions with the deterministic weights and caps, so no CV text — not
// even one that talks the model into "scoring 100" — can move it further than the bound allows.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import type { LlmClient } from "./client.ts";
import { normalizeWords } from "./grounding.ts";
import { strictJsonSchema } from "./json-schema.ts";
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
import type { PriceTable } from "./pricing.ts";
import { createFence, FENCE_RULES, fenceHeader } from "./prompt-fence.ts";
import { completeStructured } from "./structured-call.ts";
import type { LlmCall } from "./usage.ts";

export const MATCH_STAGE = "matching";
export const LLM_MATCH_VERSION = "llm-1";
/** How far the model may move one dimension score. */
export const MAX_ADJUSTMENT = 10;
const MAX_TEXT_CHARS = 60_000;
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
const MATCH_JSON_SCHEMA = strictJsonSchema(llmMatchOutputSchema);

export interface RefineMatchInput {
  deterministic: MatchData;
  jd: JobDescriptionInput;
  blindCvText: string;
  client: LlmClient;
  prices?: PriceTable;
}

export async function refineMatchWithLlm(
  input: RefineMatchInput,
): Promise<{ match: MatchData; calls: LlmCall[] }> {
  const prompt = matchPrompt(input);
  const { value, calls } = await completeStructured({
    client: input.client,
    stage: MATCH_STAGE,
    system: prompt.system,
    user: prompt.user,
    schemaName: "match_review",
    schema: llmMatchOutputSchema,
    jsonSchema: MATCH_JSON_SCHEMA,
    cacheKey: prompt.cacheKey,
    maxOutputTokens: 4096,
    prices: input.prices,
  });
  return { match: applyReview(input.deterministic, value, input.jd, input.blindCvText), calls };
}

/**
 * The system text depends on the JD only (instructions first, then the JD), so every CV of a batch
 * shares it byte for byte and the provider serves it from its prompt cache; the CV goes in the user
 * message.
 */
export function matchPrompt(input: Pick<RefineMatchInput, "deterministic" | "jd" | "blindCvText">) {
  const jdJson = JSON.stringify({
    title: input.jd.title,
    location: input.jd.location,
    requirements: input.jd.requirements,
    description: input.jd.description,
  });
  const jdHash = createHash("sha256").update(jdJson).digest("hex");
  // Deterministic per JD so the prefix stays stable; the CV's fence below uses a random nonce.
  const jdFence = createFence(jdHash.slice(0, 24));
  const system = [
    "You review an automated assessment of one candidate's CV against the job description below and write the recruiter-facing narrative.",
    "Rules:",
    `- For each dimension (technical_skills, experience, education, soft_skills) give an integer delta between -${MAX_ADJUSTMENT} and +${MAX_ADJUSTMENT} to the automated score, 0 when it is right, with a one-sentence reason grounded in the CV text. Dimensions marked not-required take 0.`,
    "- Do not state an overall score: the system computes it from the dimension scores.",
    "- match_summary: two or three sentences on fit. reasoning: why the recommendation follows. interview_focus_areas: at most eight concrete topics to probe.",
    "- strengths: at most eight, each with evidence lines copied verbatim from the CV text.",
    "- The CV has been anonymised: do not guess or mention name, gender, age, nationality or other personal traits.",
    `- ${FENCE_RULES}`,
    `The job description is in the data block with nonce ${jdFence.nonce}; the other data blocks use the nonce given in the user message.`,
    jdFence.wrap("job_description", jdJson),
  ].join("\n");
  const fence = createFence();
  const user = [
    fenceHeader(fence),
    "Automated assessment (JSON):",
    fence.wrap("assessment", JSON.stringify(assessmentView(input.deterministic))),
    "CV text (identity removed):",
    fence.wrap("cv_text", input.blindCvText.slice(0, MAX_TEXT_CHARS)),
  ].join("\n");
  return { system, user, cacheKey: `cvflow-match-${jdHash.slice(0, 32)}` };
}

/** What the model needs of the deterministic result; evidence lines are left out (the CV text is there). */
function assessmentView(m: MatchData) {
  const t = m.technical_skills_match;
  return {
    technical_skills: {
      score: t.score,
      status: t.status,
      matched: t.required_skills_matched.map((s) => ({
        skill: s.skill,
        quality: s.match_quality,
        years: s.years_experience,
        last_used: s.last_used,
      })),
      missing: t.required_skills_missing.map((s) => ({
        skill: s.skill,
        importance: s.importance,
        alternatives: s.alternatives_found,
      })),
      preferred_matched: t.preferred_skills_matched.map((s) => s.skill),
      preferred_missing: t.preferred_skills_missing,
    },
    experience: {
      score: m.experience_match.score,
      status: m.experience_match.status,
      assessment: m.experience_match.assessment,
      required_years: m.experience_match.required_years,
      candidate_years: m.experience_match.candidate_years,
      relevant_years: m.experience_match.relevant_years,
    },
    education: {
      score: m.education_match.score,
      status: m.education_match.status,
      assessment: m.education_match.assessment,
      required_level: m.education_match.required_level,
      candidate_level: m.education_match.candidate_level,
    },
    soft_skills: {
      score: m.soft_skills_match.score,
      status: m.soft_skills_match.status,
      matched: m.soft_skills_match.matched.map((s) => s.skill),
      missing: m.soft_skills_match.missing,
    },
    red_flags: m.red_flags.map((f) => ({ flag: f.flag, severity: f.severity })),
  };
}

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

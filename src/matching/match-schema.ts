// The result of matching one CV against one job description (`jd_match_data`). Every claim carries the
// CV lines it rests on; "not enough evidence" is a state of its own, distinct from "missing".
import { z } from "zod";
import { IMPORTANCE, matchWeightsSchema } from "./jd-schema.ts";

export const PROFICIENCY = ["beginner", "intermediate", "advanced", "expert"] as const;
export const DECISIONS = ["strong-yes", "yes", "maybe", "no", "strong-no"] as const;

/** Quoted CV lines (trimmed, at most a few per claim). */
const evidence = z.array(z.string());

export const skillMatchSchema = z.object({
  skill: z.string(),
  /** Canonical taxonomy id, null when the JD names a skill the taxonomy does not know. */
  skill_id: z.string().nullable(),
  proficiency_level: z.enum(PROFICIENCY).nullable(),
  /** Years from the dated roles that mention the skill; null = not enough evidence. */
  years_experience: z.number().nullable(),
  /** "Present" or YYYY-MM / YYYY of the latest role that mentions it; null = not enough evidence. */
  last_used: z.string().nullable(),
  /** exact: named as the JD names it; alias: another name of the same skill; related: implied by a skill used. */
  match_quality: z.enum(["exact", "alias", "related"]),
  /** For `related`: the skills found that imply it. */
  via: z.array(z.string()).default([]),
  /** Whether the JD's minimum years for this skill are met; null when there is no minimum or no dates. */
  meets_min_years: z.boolean().nullable().default(null),
  /** Set when the JD requirement this meets names alternatives ("Python or Go"); `skill` is the one found. */
  requirement: z.string().optional(),
  evidence,
});

export const skillMissingSchema = z.object({
  skill: z.string(),
  skill_id: z.string().nullable(),
  importance: z.enum(IMPORTANCE),
  /** Skills found in the CV that can stand in for the missing one. */
  alternatives_found: z.array(z.string()),
  /** For a requirement with alternatives: its skills, none found (`skill` then reads "Python or Go"). */
  any_of: z.array(z.string()).optional(),
  evidence,
});

export const dimensionStatus = z.enum(["assessed", "not-enough-evidence", "not-required"]);

export const matchDataSchema = z.object({
  engine: z.enum(["deterministic", "llm", "hybrid"]),
  engine_version: z.string(),
  /** Integer 0–100, equal to the CV's `jd_match_score`. */
  overall_match_score: z.number().int().min(0).max(100),
  match_summary: z.string(),
  /** Weights actually applied (dimensions that were not assessed get 0, the rest are renormalised). */
  weights: matchWeightsSchema,
  technical_skills_match: z.object({
    score: z.number().int().min(0).max(100),
    status: dimensionStatus,
    required_skills_matched: z.array(skillMatchSchema),
    required_skills_missing: z.array(skillMissingSchema),
    preferred_skills_matched: z.array(skillMatchSchema),
    preferred_skills_missing: z.array(z.string()).default([]),
  }),
  experience_match: z.object({
    score: z.number().int().min(0).max(100),
    status: dimensionStatus,
    assessment: z.enum(["exceeds", "meets", "below", "not-enough-evidence", "not-required"]),
    required_years: z.number().nullable(),
    candidate_years: z.number().nullable(),
    relevant_years: z.number().nullable(),
    evidence,
  }),
  education_match: z.object({
    score: z.number().int().min(0).max(100),
    status: dimensionStatus,
    assessment: z.enum(["exceeds", "meets", "below", "not-enough-evidence", "not-required"]),
    required_level: z.string().nullable(),
    candidate_level: z.string().nullable(),
    field_match: z.boolean().nullable(),
    evidence,
  }),
  soft_skills_match: z.object({
    score: z.number().int().min(0).max(100),
    status: dimensionStatus,
    matched: z.array(z.object({ skill: z.string(), evidence })),
    /** Not found in the CV: soft skills are rarely written down, so this is "no evidence", not a deficit. */
    missing: z.array(z.string()),
  }),
  culture_fit: z.object({
    indicators: z.array(z.object({ indicator: z.string(), evidence })),
  }),
  red_flags: z.array(z.object({ flag: z.string(), severity: z.enum(["low", "medium", "high"]), evidence })),
  strengths: z.array(z.object({ strength: z.string(), evidence })),
  recommendation: z.object({
    decision: z.enum(DECISIONS),
    /** 0–100: how much of the assessment rests on evidence rather than defaults. */
    confidence: z.number().int().min(0).max(100),
    reasoning: z.string(),
    interview_focus_areas: z.array(z.string()),
    next_steps: z.string(),
  }),
});

export type MatchData = z.infer<typeof matchDataSchema>;
export type SkillMatch = z.infer<typeof skillMatchSchema>;
export type SkillMissing = z.infer<typeof skillMissingSchema>;
export type Decision = (typeof DECISIONS)[number];

// Structured requirements of a job description. Derived from the free text by the JD builder,
// editable by the user (an edited field always wins over derivation).
import { z } from "zod";

export const IMPORTANCE = ["critical", "important", "nice-to-have"] as const;

export const requiredSkillSchema = z.object({
  skill: z.string().min(1),
  importance: z.enum(IMPORTANCE).default("important"),
  min_years: z.number().min(0).max(60).nullable().optional(),
  /**
   * Other skills that satisfy this requirement just as well ("Python or Go": skill Python, alternatives
   * [Go]). Optional so stored JDs and user edits written before it parse unchanged.
   */
  alternatives: z.array(z.string().min(1)).optional(),
});

export const matchWeightsSchema = z.object({
  technical_skills: z.number().min(0).max(1),
  experience: z.number().min(0).max(1),
  education: z.number().min(0).max(1),
  soft_skills: z.number().min(0).max(1),
});

export const jdRequirementsSchema = z.object({
  required_skills: z.array(requiredSkillSchema).default([]),
  preferred_skills: z.array(z.string().min(1)).default([]),
  min_experience_years: z.number().min(0).max(60).nullable().default(null),
  max_experience_years: z.number().min(0).max(60).nullable().default(null),
  seniority: z
    .enum(["intern", "junior", "mid", "senior", "lead", "principal", "executive"])
    .nullable()
    .default(null),
  education_requirements: z
    .object({
      level: z
        .enum(["none", "high-school", "associate", "bachelor", "master", "phd"])
        .nullable()
        .default(null),
      fields: z.array(z.string()).default([]),
      required: z.boolean().default(false),
    })
    .default({ level: null, fields: [], required: false }),
  soft_skills: z.array(z.string().min(1)).default([]),
  languages: z.array(z.string().min(1)).default([]),
  remote: z.enum(["onsite", "hybrid", "remote"]).nullable().default(null),
  weights: matchWeightsSchema.nullable().default(null),
});

export type JdRequirements = z.infer<typeof jdRequirementsSchema>;
export type RequiredSkill = z.infer<typeof requiredSkillSchema>;
export type MatchWeights = z.infer<typeof matchWeightsSchema>;

/** The skills any of which meets a requirement: its own, then its alternatives. */
export function requirementOptions(s: Pick<RequiredSkill, "skill" | "alternatives">): string[] {
  return [s.skill, ...(s.alternatives ?? [])];
}

/** How a requirement reads to a person: "Python", or "Python or Go" for one with alternatives. */
export function requirementLabel(s: Pick<RequiredSkill, "skill" | "alternatives">): string {
  return requirementOptions(s).join(" or ");
}

/** What the matcher sees of a job description. */
export interface JobDescriptionInput {
  title: string;
  description: string;
  location: string | null;
  requirements: JdRequirements;
}

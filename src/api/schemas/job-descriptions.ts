// Job descriptions ("JD Builder"): free text plus structured requirements the user may set.
import { z } from "zod";
import { jdRequirementsSchema, requiredSkillSchema } from "../../matching/jd-schema.ts";
import { timestamp, uuid } from "./common.ts";

/** Requirement fields a request may set; each one set becomes a user field that derivation keeps. */
export const requirementFieldsInput = z.object({
  required_skills: z.array(requiredSkillSchema).max(200).optional(),
  preferred_skills: z.array(z.string().min(1).max(200)).max(200).optional(),
  min_experience_years: z.number().min(0).max(60).nullable().optional(),
  max_experience_years: z.number().min(0).max(60).nullable().optional(),
  seniority: jdRequirementsSchema.shape.seniority.unwrap().optional(),
  education_requirements: jdRequirementsSchema.shape.education_requirements.unwrap().optional(),
  soft_skills: z.array(z.string().min(1).max(200)).max(100).optional(),
  languages: z.array(z.string().min(1).max(100)).max(50).optional(),
  remote: jdRequirementsSchema.shape.remote.unwrap().optional(),
  weights: jdRequirementsSchema.shape.weights.unwrap().optional(),
});

export const REQUIREMENT_FIELDS = Object.keys(requirementFieldsInput.shape) as Array<
  keyof typeof requirementFieldsInput.shape
>;

const jdText = {
  title: z.string().trim().min(1).max(300),
  description: z.string().max(100_000),
  location: z.string().trim().max(300).nullable().optional(),
  employment_type: z.string().trim().max(100).nullable().optional(),
};

export const createJdBody = requirementFieldsInput.extend({
  ...jdText,
  description: jdText.description.default(""),
});

export const patchJdBody = requirementFieldsInput
  .extend({
    title: jdText.title.optional(),
    description: jdText.description.optional(),
    location: jdText.location,
    employment_type: jdText.employment_type,
    reset_fields: z
      .array(z.enum(REQUIREMENT_FIELDS as [string, ...string[]]))
      .optional()
      .describe("Requirement fields to hand back to derivation from the text"),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to update" });

export const jdSchema = jdRequirementsSchema
  .extend({
    id: uuid,
    title: z.string(),
    description: z.string(),
    location: z.string().nullable(),
    employment_type: z.string().nullable(),
    user_fields: z.array(z.string()).describe("Requirement fields set by the user; the rest are derived"),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "JobDescription" });

export const jdListQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

// The parse of one CV (`parse_detail` in the API). One zod schema drives validation, the TypeScript
// type, the OpenAPI document and the JSON schema handed to LLMs for structured output.
// A field the CV does not support stays null or empty: parsers never invent.
import { z } from "zod";

/** ISO `YYYY-MM` or `YYYY`. */
export const partialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, "expected YYYY or YYYY-MM");

export const experienceSchema = z.object({
  title: z.string().nullable(),
  company: z.string().nullable(),
  location: z.string().nullable(),
  start_date: partialDate.nullable(),
  end_date: partialDate.nullable(),
  is_current: z.boolean(),
  description: z.string().nullable(),
  highlights: z.array(z.string()),
  skills: z.array(z.string()),
});

export const educationSchema = z.object({
  institution: z.string().nullable(),
  degree: z.string().nullable(),
  field: z.string().nullable(),
  start_date: partialDate.nullable(),
  end_date: partialDate.nullable(),
  grade: z.string().nullable(),
});

export const skillSchema = z.object({
  name: z.string(),
  /** Canonical taxonomy id when the skill is known, else null. */
  canonical: z.string().nullable(),
  category: z.string().nullable(),
  years: z.number().nullable(),
  last_used: partialDate.nullable(),
});

export const languageSchema = z.object({
  language: z.string(),
  proficiency: z.string().nullable(),
});

export const linksSchema = z
  .object({
    linkedin: z.string().nullable(),
    github: z.string().nullable(),
    website: z.string().nullable(),
  })
  .catchall(z.string().nullable());

export const parsedCvSchema = z.object({
  candidate_name: z.string().nullable(),
  email: z.string().nullable(),
  /** E.164 when the number could be resolved, else as printed. */
  phone: z.string().nullable(),
  location: z.string().nullable(),
  links: linksSchema,
  github_username: z.string().nullable(),
  current_role: z.string().nullable(),
  current_company: z.string().nullable(),
  summary: z.string().nullable(),
  /** Union of dated roles, "present" resolved against the processing date; null when undatable. */
  total_experience_years: z.number().nullable(),
  experience: z.array(experienceSchema),
  education: z.array(educationSchema),
  skills: z.array(skillSchema),
  languages: z.array(languageSchema),
  certifications: z.array(z.string()),
  projects: z.array(z.object({ name: z.string(), description: z.string().nullable() })),
  publications: z.array(z.string()),
  awards: z.array(z.string()),
});

export type ParsedCv = z.infer<typeof parsedCvSchema>;
export type Experience = z.infer<typeof experienceSchema>;
export type Education = z.infer<typeof educationSchema>;
export type Skill = z.infer<typeof skillSchema>;

export function emptyParsedCv(): ParsedCv {
  return {
    candidate_name: null,
    email: null,
    phone: null,
    location: null,
    links: { linkedin: null, github: null, website: null },
    github_username: null,
    current_role: null,
    current_company: null,
    summary: null,
    total_experience_years: null,
    experience: [],
    education: [],
    skills: [],
    languages: [],
    certifications: [],
    projects: [],
    publications: [],
    awards: [],
  };
}

// Job description rows to API objects, and the rule that user-set requirement fields win over
// fields derived from the text.

import type { jobDescriptions } from "../../db/schema.ts";
import { deriveJdRequirements, mergeJdRequirements } from "../../matching/jd-builder.ts";
import { type JdRequirements, jdRequirementsSchema } from "../../matching/jd-schema.ts";
import { toIso } from "../schemas/common.ts";
import { REQUIREMENT_FIELDS } from "../schemas/job-descriptions.ts";

type JdRow = typeof jobDescriptions.$inferSelect;

/** The requirement fields present in a request body, and their values. */
export function userSetFields(body: Record<string, unknown>): {
  fields: string[];
  values: Partial<JdRequirements>;
} {
  const fields = REQUIREMENT_FIELDS.filter((f) => body[f] !== undefined);
  const values = Object.fromEntries(fields.map((f) => [f, body[f]])) as Partial<JdRequirements>;
  return { fields, values };
}

/** Derives from the text, then lays the user's fields over the result. */
export function buildRequirements(
  text: { title: string; description: string },
  userValues: Partial<JdRequirements>,
  userFields: string[],
): JdRequirements {
  return mergeJdRequirements(deriveJdRequirements(text), userValues, userFields);
}

export function storedRequirements(row: JdRow): JdRequirements {
  return jdRequirementsSchema.parse(row.requirements ?? {});
}

export function jdView(row: JdRow) {
  return {
    ...storedRequirements(row),
    id: row.id,
    title: row.title,
    description: row.description,
    location: row.location,
    employment_type: row.employmentType,
    user_fields: row.userFields,
    created_at: toIso(row.createdAt),
    updated_at: toIso(row.updatedAt),
  };
}

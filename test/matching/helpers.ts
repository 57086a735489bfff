import { deriveJdRequirements } from "../../src/matching/jd-builder.ts";
import type { JdRequirements, JobDescriptionInput } from "../../src/matching/jd-schema.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { type Experience, emptyParsedCv, type ParsedCv } from "../../src/parsing/schema.ts";

export const NOW = new Date("2026-06-15T00:00:00Z");

export function role(partial: Partial<Experience> & Pick<Experience, "title">): Experience {
  return {
    company: "Acme",
    location: null,
    start_date: null,
    end_date: null,
    is_current: false,
    description: null,
    highlights: [],
    skills: [],
    ...partial,
  };
}

export function cv(partial: Partial<ParsedCv>): ParsedCv {
  return { ...emptyParsedCv(), ...partial };
}

/** CV text as a parser would see it: the roles, their bullets, the skills line. */
export function textOf(parsed: ParsedCv): string {
  const lines: string[] = [];
  if (parsed.candidate_name) lines.push(parsed.candidate_name);
  if (parsed.summary) lines.push(parsed.summary);
  for (const e of parsed.experience) {
    lines.push(
      `${e.title} — ${e.company} ${e.start_date ?? ""} – ${e.is_current ? "Present" : (e.end_date ?? "")}`,
    );
    if (e.description) lines.push(e.description);
    for (const h of e.highlights) lines.push(`• ${h}`);
  }
  for (const ed of parsed.education)
    lines.push(`${ed.degree ?? ""} ${ed.field ?? ""}, ${ed.institution ?? ""}`);
  if (parsed.skills.length > 0) lines.push(`Skills: ${parsed.skills.map((s) => s.name).join(", ")}`);
  return lines.join("\n");
}

export function skills(...names: string[]): ParsedCv["skills"] {
  return names.map((name) => ({ name, canonical: null, category: null, years: null, last_used: null }));
}

export function jd(requirements: Partial<JdRequirements>, title = "Engineer"): JobDescriptionInput {
  return { title, description: "", location: null, requirements: jdRequirementsSchema.parse(requirements) };
}

export function jdFromText(title: string, description: string): JobDescriptionInput {
  return { title, description, location: null, requirements: deriveJdRequirements({ title, description }) };
}

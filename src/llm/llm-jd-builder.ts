// JD builder with an LLM: structured requirements from a job description's title and text, with the
// rule-based derivation as hints. Skills the JD text does not name are dropped; weights stay a user
// setting (never derived).
import { deriveJdRequirements } from "../matching/jd-builder.ts";
import { type JdRequirements, jdRequirementsSchema } from "../matching/jd-schema.ts";
import { findSkillsInText, lookupSkill } from "../skills/taxonomy.ts";
import type { LlmClient } from "./client.ts";
import { SourceText } from "./grounding.ts";
import { strictJsonSchema } from "./json-schema.ts";
import type { PriceTable } from "./pricing.ts";
import { createFence, FENCE_RULES, fenceHeader } from "./prompt-fence.ts";
import { completeStructured } from "./structured-call.ts";
import type { LlmCall } from "./usage.ts";

export const JD_STAGE = "jd_builder";
const MAX_TEXT_CHARS = 30_000;
const JD_JSON_SCHEMA = strictJsonSchema(jdRequirementsSchema);

const SYSTEM = [
  "You derive the structured hiring requirements of one job description as JSON following the provided schema.",
  "Rules:",
  "- required_skills: the technical skills the job requires, named as the text names them. importance: critical for explicit must-haves, important for other requirements, nice-to-have for pluses. min_years only when the text states years for that skill. When the text accepts any one of several skills ('Python or Go', 'PostgreSQL/MySQL'), give one entry: skill the first, alternatives the others; otherwise alternatives is empty.",
  "- preferred_skills: skills the text calls preferred, a plus or a bonus.",
  "- min_experience_years / max_experience_years: only when the text states them. seniority: from the title or text, else null.",
  "- education_requirements: the lowest acceptable level, the fields named, and required true only when the text says the degree is mandatory.",
  "- soft_skills and languages (spoken languages) as the text names them; remote from the text, else null; weights null.",
  "- Never add a skill or requirement the text does not state.",
  "- A draft from a rule-based parser is supplied as hints; keep what the text confirms, correct the rest.",
  `- ${FENCE_RULES}`,
].join("\n");

export interface DeriveJdInput {
  title: string;
  description: string;
  client: LlmClient;
  prices?: PriceTable;
}

export async function deriveJdRequirementsWithLlm(
  input: DeriveJdInput,
): Promise<{ requirements: JdRequirements; calls: LlmCall[] }> {
  const hints = deriveJdRequirements({ title: input.title, description: input.description });
  const fence = createFence();
  const user = [
    fenceHeader(fence),
    "Rule-based draft (hints, JSON):",
    fence.wrap("hints", JSON.stringify(hints)),
    "Job title:",
    fence.wrap("title", input.title),
    "Job description:",
    fence.wrap("description", input.description.slice(0, MAX_TEXT_CHARS)),
  ].join("\n");
  const { value, calls } = await completeStructured({
    client: input.client,
    stage: JD_STAGE,
    system: SYSTEM,
    user,
    schemaName: "jd_requirements",
    schema: jdRequirementsSchema,
    jsonSchema: JD_JSON_SCHEMA,
    maxOutputTokens: 4096,
    prices: input.prices,
  });
  return { requirements: groundRequirements(value, `${input.title}\n${input.description}`), calls };
}

/** Keeps skills the JD text names (as written or by a taxonomy alias), once each; weights cleared. */
export function groundRequirements(req: JdRequirements, text: string): JdRequirements {
  const source = new SourceText(text);
  const mentioned = new Set(findSkillsInText(text).map((m) => m.id));
  const seen = new Set<string>();
  const inText = (skill: string) => {
    const id = lookupSkill(skill)?.id;
    return source.hasWords(skill) || (id !== undefined && mentioned.has(id));
  };
  const named = (skill: string) => {
    const id = lookupSkill(skill)?.id;
    const key = id ?? skill.trim().toLowerCase();
    if (seen.has(key)) return false;
    if (!inText(skill)) return false;
    seen.add(key);
    return true;
  };
  return jdRequirementsSchema.parse({
    ...req,
    required_skills: req.required_skills
      .filter((s) => named(s.skill))
      .map((s) => (s.alternatives ? { ...s, alternatives: s.alternatives.filter(inText) } : s)),
    preferred_skills: req.preferred_skills.filter(named),
    languages: req.languages.filter((l) => source.hasWords(l)),
    weights: null,
  });
}

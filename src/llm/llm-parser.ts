// CV parsing with an LLM: the offline parse goes along as hints, the answer is validated against the
// same zod schema (one repair), and then checked against the text so nothing invented survives.
import { type ParsedCv, parsedCvSchema } from "../parsing/schema.ts";
import { lookupSkill } from "../skills/taxonomy.ts";
import type { LlmClient } from "./client.ts";
import { experienceYears } from "./experience-years.ts";
import { groundParsedCv } from "./grounding.ts";
import { strictJsonSchema } from "./json-schema.ts";
import type { PriceTable } from "./pricing.ts";
import { createFence, FENCE_RULES, fenceHeader } from "./prompt-fence.ts";
import { completeStructured } from "./structured-call.ts";
import type { LlmCall } from "./usage.ts";

export const PARSE_STAGE = "parsing";
/** Bounds the prompt (and its cost); CVs longer than this are pathological or padded. */
const MAX_TEXT_CHARS = 60_000;

const PARSE_JSON_SCHEMA = strictJsonSchema(parsedCvSchema);

const SYSTEM = [
  "You convert the text of one CV (résumé) into JSON that follows the provided schema exactly.",
  "Rules:",
  "- Use only what the CV text states. Never invent, guess or complete names, contact details, companies, institutions, dates or numbers; when the text does not state a value use null, or an empty list.",
  "- Copy names, companies, institutions, email addresses and URLs exactly as written in the text.",
  "- Dates are YYYY-MM or YYYY. A role marked current or present has end_date null and is_current true.",
  "- phone: in E.164 form when the country is clear from the text, otherwise as printed.",
  "- skills: every distinct skill the CV names, once each; canonical, category and last_used null; years only when the CV states them.",
  "- total_experience_years: null (the system computes it from the dated roles).",
  "- links: the LinkedIn, GitHub and personal website URLs as written; github_username only when a GitHub profile is given.",
  "- A draft parse from a rule-based parser is supplied as hints. It can be incomplete or wrong: keep what the text confirms, correct the rest, add what it missed.",
  `- ${FENCE_RULES}`,
].join("\n");

export interface ParseWithLlmInput {
  text: string;
  hints: ParsedCv;
  client: LlmClient;
  now: Date;
  prices?: PriceTable;
}

export async function parseCvWithLlm(
  input: ParseWithLlmInput,
): Promise<{ parsed: ParsedCv; calls: LlmCall[] }> {
  const fence = createFence();
  const user = [
    fenceHeader(fence),
    "Rule-based draft (hints, JSON):",
    fence.wrap("hints", JSON.stringify(input.hints)),
    "CV text:",
    fence.wrap("cv_text", input.text.slice(0, MAX_TEXT_CHARS)),
  ].join("\n");
  const { value, calls } = await completeStructured({
    client: input.client,
    stage: PARSE_STAGE,
    system: SYSTEM,
    user,
    schemaName: "parsed_cv",
    schema: parsedCvSchema,
    jsonSchema: PARSE_JSON_SCHEMA,
    prices: input.prices,
  });
  return { parsed: finishParse(value, input), calls };
}

/** Grounding, fields the model missed but the offline parse had, computed totals, taxonomy ids. */
function finishParse(llm: ParsedCv, input: ParseWithLlmInput): ParsedCv {
  const { parsed } = groundParsedCv(llm, input.text, input.hints);
  const hints = input.hints;
  const links = { ...parsed.links };
  for (const [k, v] of Object.entries(hints.links)) if (links[k] == null && v != null) links[k] = v;
  return {
    ...parsed,
    candidate_name: parsed.candidate_name ?? hints.candidate_name,
    email: parsed.email ?? hints.email,
    phone: parsed.phone ?? hints.phone,
    location: parsed.location ?? hints.location,
    github_username: parsed.github_username ?? hints.github_username,
    links,
    total_experience_years: experienceYears(parsed.experience, input.now) ?? hints.total_experience_years,
    skills: parsed.skills.map((s) => {
      const ref = lookupSkill(s.name);
      return { ...s, canonical: ref?.id ?? null, category: ref?.category ?? s.category };
    }),
  };
}

// LLM refinement of a deterministic match. The model writes the narrative (summary, reasoning, interview
// focus, strengths wording) and may move each dimension score by at most ±10 with a reason; the overall
// score is recomputed from the dimensions with the deterministic weights and caps, so no CV text — not
// even one that talks the model into "scoring 100" — can move it further than the bound allows.
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import type { LlmClient } from "./client.ts";
import { strictJsonSchema } from "./json-schema.ts";
import { matchPrompt } from "./match-prompt.ts";
import { applyReview, llmMatchOutputSchema } from "./match-review.ts";
import type { PriceTable } from "./pricing.ts";
import { completeStructured } from "./structured-call.ts";
import type { LlmCall } from "./usage.ts";

export const MATCH_STAGE = "matching";
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

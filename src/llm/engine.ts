// The LLM-backed engines, chosen by ENGINE:
// - llm: every CV is parsed by the model (offline parse as hints) and every match is refined by it;
//   LLM failures propagate (the pipeline retries or fails the stage).
// - hybrid: the offline parse is kept unless it looks too thin, matches are refined by the model, and
//   any LLM failure falls back to the offline result, so the LLM only ever adds.
import type { Config } from "../config.ts";
import { redactForMatching } from "../matching/blind.ts";
import { matchCv } from "../matching/deterministic-matcher.ts";
import type { JdRequirements } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { parseCvOffline } from "../parsing/offline-parser.ts";
import type { ParsedCv } from "../parsing/schema.ts";
import type { CvEngine, MatchInput, ParseInput } from "../pipeline/engine.ts";
import { createLlmClient, type LlmClient } from "./client.ts";
import { LlmError } from "./errors.ts";
import { deriveJdRequirementsWithLlm } from "./llm-jd-builder.ts";
import { refineMatchWithLlm } from "./llm-matcher.ts";
import { parseCvWithLlm } from "./llm-parser.ts";
import { loadPriceTable, type PriceTable } from "./pricing.ts";
import type { LlmCall } from "./usage.ts";

export interface LlmEngine extends CvEngine {
  client: LlmClient;
  deriveJd(input: {
    title: string;
    description: string;
  }): Promise<{ requirements: JdRequirements; calls: LlmCall[] }>;
}

export type LlmEngineConfig = Pick<
  Config,
  | "ENGINE"
  | "LLM_PROVIDER"
  | "LLM_MODEL"
  | "LLM_BASE_URL"
  | "LLM_API_KEY"
  | "LLM_TIMEOUT_MS"
  | "LLM_MAX_RETRIES"
  | "LLM_PRICES"
>;

export function createLlmEngine(config: LlmEngineConfig, deps: { client?: LlmClient } = {}): LlmEngine {
  const client =
    deps.client ??
    createLlmClient({
      provider: config.LLM_PROVIDER,
      model: config.LLM_MODEL,
      baseUrl: config.LLM_BASE_URL,
      apiKey: config.LLM_API_KEY,
      timeoutMs: config.LLM_TIMEOUT_MS,
      maxRetries: config.LLM_MAX_RETRIES,
    });
  const prices: PriceTable = loadPriceTable(config.LLM_PRICES);
  const hybrid = config.ENGINE === "hybrid";

  return {
    name: hybrid ? "hybrid" : "llm",
    client,
    async parse(input: ParseInput) {
      const hints = parseCvOffline(input);
      if (hybrid && !looksThin(hints)) return { parsed: hints, calls: [] };
      // Hyperlink targets (PDF annotations, DOCX links) are often not in the visible text.
      const links =
        input.doc.links.length > 0 ? `\n\nLinks in the document:\n${input.doc.links.join("\n")}` : "";
      return fallback(hybrid, { parsed: hints }, () =>
        parseCvWithLlm({ text: `${input.doc.text}${links}`, hints, client, now: input.now, prices }),
      );
    },
    async match(input: MatchInput) {
      // Blind: neither the matcher nor the model sees who the candidate is.
      const blind = redactForMatching(input.parsed, input.cvText);
      const deterministic = matchCv({ ...input, parsed: blind.parsed, cvText: blind.cvText });
      const result = await fallback(hybrid, { match: deterministic }, () =>
        refineMatchWithLlm({ deterministic, jd: input.jd, blindCvText: blind.cvText, client, prices }),
      );
      const match: MatchData =
        result.match === deterministic
          ? deterministic
          : { ...result.match, engine: hybrid ? "hybrid" : "llm" };
      return { match, calls: result.calls };
    },
    deriveJd(input) {
      return deriveJdRequirementsWithLlm({ ...input, client, prices });
    },
  };
}

/** An offline parse that found no roles or no skills is worth a model's second look. */
function looksThin(parsed: ParsedCv): boolean {
  return parsed.experience.length === 0 || parsed.skills.length === 0;
}

/** In hybrid mode an LLM failure yields the offline result, keeping the calls already paid for. */
async function fallback<T extends object>(
  enabled: boolean,
  offline: T,
  run: () => Promise<T & { calls: LlmCall[] }>,
): Promise<T & { calls: LlmCall[] }> {
  try {
    return await run();
  } catch (error) {
    if (!enabled || !(error instanceof LlmError)) throw error;
    return { ...offline, calls: error.calls };
  }
}

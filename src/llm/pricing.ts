// What an LLM call costs. Prices are USD per million tokens; cached input (prompt-cache reads) has its
// own price. The defaults cover common hosted models and can be overridden or extended with LLM_PRICES.
import { z } from "zod";
import type { LlmUsage } from "./client.ts";

export interface ModelPrice {
  input: number;
  cached_input: number;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** List prices per million tokens (standard tier). A dated snapshot resolves to its family by prefix. */
export const DEFAULT_PRICES: PriceTable = {
  "gpt-4o": { input: 2.5, cached_input: 1.25, output: 10 },
  "gpt-4o-mini": { input: 0.15, cached_input: 0.075, output: 0.6 },
  "gpt-4.1": { input: 2, cached_input: 0.5, output: 8 },
  "gpt-4.1-mini": { input: 0.4, cached_input: 0.1, output: 1.6 },
  "gpt-4.1-nano": { input: 0.1, cached_input: 0.025, output: 0.4 },
  "gpt-5": { input: 1.25, cached_input: 0.125, output: 10 },
  "gpt-5-mini": { input: 0.25, cached_input: 0.025, output: 2 },
  "gpt-5-nano": { input: 0.05, cached_input: 0.005, output: 0.4 },
  "o4-mini": { input: 1.1, cached_input: 0.275, output: 4.4 },
  "claude-3-5-haiku": { input: 0.8, cached_input: 0.08, output: 4 },
  "claude-haiku-4-5": { input: 1, cached_input: 0.1, output: 5 },
  "claude-3-7-sonnet": { input: 3, cached_input: 0.3, output: 15 },
  "claude-sonnet-4": { input: 3, cached_input: 0.3, output: 15 },
  "claude-sonnet-4-5": { input: 3, cached_input: 0.3, output: 15 },
  "claude-opus-4-1": { input: 15, cached_input: 1.5, output: 75 },
};

const priceOverride = z.record(
  z.string(),
  z.object({
    input: z.number().min(0),
    // Providers without prompt caching bill cached tokens as ordinary input.
    cached_input: z.number().min(0).optional(),
    output: z.number().min(0),
  }),
);

export class PriceTableError extends Error {
  override name = "PriceTableError";
}

/** The defaults merged with LLM_PRICES (JSON: model -> {input, cached_input?, output}); overrides win. */
export function loadPriceTable(llmPricesJson?: string): PriceTable {
  if (!llmPricesJson) return DEFAULT_PRICES;
  let raw: unknown;
  try {
    raw = JSON.parse(llmPricesJson);
  } catch {
    throw new PriceTableError("LLM_PRICES is not valid JSON");
  }
  const parsed = priceOverride.safeParse(raw);
  if (!parsed.success)
    throw new PriceTableError(`LLM_PRICES: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const table: Record<string, ModelPrice> = { ...DEFAULT_PRICES };
  for (const [model, p] of Object.entries(parsed.data))
    table[model] = { input: p.input, cached_input: p.cached_input ?? p.input, output: p.output };
  return table;
}

/**
 * Exact model name first, else the longest table key the name extends with a version or tag
 * ("gpt-4o-mini-2024-07-18", "llama3.1:8b", "claude-sonnet-4-5@20250929"); a router prefix such as
 * "openai/" is ignored.
 */
export function findPrice(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | null {
  const name = model.slice(model.lastIndexOf("/") + 1);
  const exact = table[model] ?? table[name];
  if (exact) return exact;
  let best: string | null = null;
  for (const key of Object.keys(table)) {
    const isVariant = name.startsWith(key) && "-:@".includes(name.charAt(key.length));
    if (isVariant && (best === null || key.length > best.length)) best = key;
  }
  return best === null ? null : (table[best] ?? null);
}

/** Cost of one call; an unknown model (e.g. a local one) costs 0 and says so with `priced: false`. */
export function costUsd(
  model: string,
  usage: LlmUsage,
  table: PriceTable = DEFAULT_PRICES,
): { usd: number; priced: boolean } {
  const price = findPrice(model, table);
  if (!price) return { usd: 0, priced: false };
  const cached = Math.min(usage.cachedInputTokens, usage.inputTokens);
  const usd =
    ((usage.inputTokens - cached) * price.input +
      cached * price.cached_input +
      usage.outputTokens * price.output) /
    1_000_000;
  return { usd, priced: true };
}

import { describe, expect, it } from "vitest";
import {
  costUsd,
  DEFAULT_PRICES,
  findPrice,
  loadPriceTable,
  PriceTableError,
} from "../../src/llm/pricing.ts";

describe("costUsd", () => {
  it("prices uncached input, cached input and output separately", () => {
    // gpt-4o: 2.50 input, 1.25 cached, 10.00 output per million.
    const cost = costUsd("gpt-4o", { inputTokens: 10_000, cachedInputTokens: 4_000, outputTokens: 1_000 });
    expect(cost.priced).toBe(true);
    expect(cost.usd).toBeCloseTo((6_000 * 2.5 + 4_000 * 1.25 + 1_000 * 10) / 1e6, 12);
    expect(cost.usd).toBeCloseTo(0.03, 12);
  });

  it("resolves a dated snapshot to its family, the longest matching name winning", () => {
    expect(findPrice("gpt-4o-mini-2024-07-18")).toEqual(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(findPrice("gpt-4o-2024-08-06")).toEqual(DEFAULT_PRICES["gpt-4o"]);
    expect(findPrice("claude-sonnet-4-5-20250929")).toEqual(DEFAULT_PRICES["claude-sonnet-4-5"]);
    expect(findPrice("gpt-4oish")).toBeNull();
    expect(findPrice("openrouter/openai/gpt-4o-mini")).toEqual(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(findPrice("claude-sonnet-4-5@20250929")).toEqual(DEFAULT_PRICES["claude-sonnet-4-5"]);
  });

  it("costs an unknown (e.g. local) model 0 and says it is unpriced", () => {
    expect(costUsd("llama3.1:8b", { inputTokens: 5000, cachedInputTokens: 0, outputTokens: 500 })).toEqual({
      usd: 0,
      priced: false,
    });
  });

  it("never bills more cached tokens than input tokens", () => {
    const cost = costUsd("gpt-4o", { inputTokens: 100, cachedInputTokens: 500, outputTokens: 0 });
    expect(cost.usd).toBeCloseTo((100 * 1.25) / 1e6, 12);
  });
});

describe("loadPriceTable", () => {
  it("overrides and extends the defaults from LLM_PRICES", () => {
    const table = loadPriceTable(
      JSON.stringify({
        "gpt-4o": { input: 1, cached_input: 0.5, output: 2 },
        "llama3.1": { input: 0.1, output: 0.2 },
      }),
    );
    expect(table["gpt-4o"]).toEqual({ input: 1, cached_input: 0.5, output: 2 });
    // No cached price given: cached tokens cost as ordinary input.
    expect(table["llama3.1"]).toEqual({ input: 0.1, cached_input: 0.1, output: 0.2 });
    expect(table["gpt-4o-mini"]).toEqual(DEFAULT_PRICES["gpt-4o-mini"]);
    expect(
      costUsd("llama3.1:8b", { inputTokens: 1e6, cachedInputTokens: 0, outputTokens: 0 }, table).usd,
    ).toBeCloseTo(0.1);
  });

  it("rejects malformed overrides", () => {
    expect(() => loadPriceTable("{nope")).toThrow(PriceTableError);
    expect(() => loadPriceTable(JSON.stringify({ m: { input: -1, output: 1 } }))).toThrow(PriceTableError);
    expect(loadPriceTable(undefined)).toBe(DEFAULT_PRICES);
  });
});

// The LLM engines as the pipeline uses them: offline parse as hints, blind deterministic match refined by
// the model, and hybrid mode falling back to the offline result (keeping the billed calls) on failure.
import { afterEach, describe, expect, it } from "vitest";
import { extractDocument } from "../../src/extraction/extract.ts";
import { createLlmEngine, type LlmEngineConfig } from "../../src/llm/engine.ts";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import {
  cvflowDefaultReply,
  type FakeLlmServer,
  type FakeReply,
  type FakeRequest,
  startFakeOpenAI,
} from "../support/fake-openai.ts";
import { backendJd, CV_TEXT, clientFor, NOW } from "./fixtures.ts";

let fake: FakeLlmServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const config = (engine: "llm" | "hybrid"): LlmEngineConfig => ({
  ENGINE: engine,
  LLM_PROVIDER: "openai",
  LLM_MODEL: "gpt-4o-mini",
  LLM_BASE_URL: undefined,
  LLM_API_KEY: undefined,
  LLM_TIMEOUT_MS: 5000,
  LLM_MAX_RETRIES: 0,
  LLM_PRICES: undefined,
});

async function parseInput() {
  const doc = await extractDocument(new TextEncoder().encode(CV_TEXT), {
    filename: "cv.txt",
    limits: { maxPages: 10, timeoutMs: 10_000, maxUnzippedBytes: 10_000_000 },
  });
  return { doc, structure: analyzeStructure(doc), now: NOW };
}

describe("createLlmEngine", () => {
  it("llm: parses with the model and refines the blind match, reporting every call", async () => {
    fake = await startFakeOpenAI(cvflowDefaultReply);
    const engine = createLlmEngine(config("llm"), { client: clientFor("openai", fake) });
    expect(engine.name).toBe("llm");
    const parse = await engine.parse(await parseInput());
    expect(parse.calls.map((c) => c.stage)).toEqual(["parsing"]);
    const match = await engine.match({
      parsed: parse.parsed,
      jd: backendJd(),
      cvText: CV_TEXT,
      redFlags: [],
      now: NOW,
    });
    expect(match.match.engine).toBe("llm");
    expect(match.calls.map((c) => c.stage)).toEqual(["matching"]);
    // Blind: the model never saw the candidate's name or email.
    const matchRequest = fake.requests[1]!;
    expect(matchRequest.user).not.toContain("Jane");
    expect(matchRequest.user).not.toContain("jane.doe@mail.test");
  });

  it("hybrid: an LLM failure yields the deterministic match, with the calls already paid for", async () => {
    // Parses succeed; every match review is invalid, so the one repair fails too.
    const script = (request: FakeRequest): FakeReply =>
      request.schemaName === "match_review"
        ? { type: "json", value: { nonsense: true } }
        : cvflowDefaultReply(request);
    fake = await startFakeOpenAI(script);
    const engine = createLlmEngine(config("hybrid"), { client: clientFor("openai", fake) });
    const parsed = (await engine.parse(await parseInput())).parsed;
    const match = await engine.match({ parsed, jd: backendJd(), cvText: CV_TEXT, redFlags: [], now: NOW });
    expect(match.match.engine).toBe("deterministic");
    expect(match.calls.map((c) => c.stage)).toEqual(["matching", "matching"]);
  });

  it("llm: an LLM failure propagates", async () => {
    fake = await startFakeOpenAI([{ type: "error", status: 400, message: "bad request" }]);
    const engine = createLlmEngine(config("llm"), { client: clientFor("openai", fake, { maxRetries: 0 }) });
    await expect(engine.parse(await parseInput())).rejects.toThrow(/400/);
  });
});

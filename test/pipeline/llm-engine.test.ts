// ENGINE=llm through the whole pipeline in both modes, against local fake OpenAI-compatible and
// Anthropic servers driven through the real SDKs: parse and match calls are made, recorded in the
// usage ledger with their cost, and the CV completes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { llmUsage } from "../../src/db/schema.ts";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { makeCvFiles } from "../support/cv-fixtures.ts";
import { startFakeAnthropic } from "../support/fake-anthropic.ts";
import { cvflowDefaultReply, type FakeLlmServer, startFakeOpenAI } from "../support/fake-openai.ts";
import { createBatch, createJd, createUser, upload, waitForBatch } from "../support/pipeline-harness.ts";
import {
  createModeEnvironment,
  distributedServicesAvailable,
  type ModeEnvironment,
} from "../support/services.ts";

const distributedOk = await distributedServicesAvailable();

describe.each([
  ["embedded", "openai", true],
  ["distributed", "openai", distributedOk],
  ["embedded", "anthropic", true],
] as const)("LLM engine through the pipeline (%s, %s)", (mode, provider, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;
  let llm: FakeLlmServer;

  beforeAll(async () => {
    if (!available) return;
    llm =
      provider === "openai"
        ? await startFakeOpenAI(cvflowDefaultReply)
        : await startFakeAnthropic(cvflowDefaultReply);
    env = await createModeEnvironment(mode, {
      ENGINE: "llm",
      LLM_PROVIDER: provider,
      LLM_MODEL: provider === "openai" ? "gpt-4o-mini" : "claude-3-5-haiku-latest",
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: "test-key",
      LLM_MAX_RETRIES: "0",
      LLM_PRICES: JSON.stringify({
        "gpt-4o-mini": { input: 0.15, cached_input: 0.075, output: 0.6 },
        "claude-3-5-haiku-latest": { input: 0.8, cached_input: 0.08, output: 4 },
      }),
    });
    runtime = await createRuntime(env.config());
  });
  afterAll(async () => {
    await runtime?.close();
    await llm?.close();
    await env?.cleanup();
  });

  it.runIf(available)("parses and matches with the model and records every call with its cost", async () => {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Backend Engineer", {
      required_skills: [{ skill: "Python", importance: "critical" }],
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    const files = await makeCvFiles(2);
    const ids = await upload(runtime, userId, batchId, files);
    await runtime.scheduler.queueBatch(userId, batchId);
    const rows = await waitForBatch(runtime.db, batchId);

    expect(rows.map((r) => [r.status, r.error])).toEqual([
      ["completed", null],
      ["completed", null],
    ]);
    for (const row of rows) {
      expect(row.jdMatchData).toMatchObject({ engine: "llm" });
      expect(row.jdMatchScore).toBeTypeOf("number");
    }
    const schemas = llm.requests.map((r) => r.schemaName).sort();
    expect(schemas).toEqual(["match_review", "match_review", "parsed_cv", "parsed_cv"]);
    // The CV text reaches the model fenced as data.
    const parseRequest = llm.requests.find((r) => r.schemaName === "parsed_cv")!;
    expect(parseRequest.user).toMatch(/<<<DATA/);

    for (const id of ids) {
      const calls = await runtime.db.select().from(llmUsage).where(eq(llmUsage.cvId, id));
      expect(calls.map((c) => c.stage).sort()).toEqual(["matching", "parsing"]);
      for (const c of calls) {
        expect(c).toMatchObject({ provider, userId, jobDescriptionId: jdId });
        expect(c.inputTokens).toBeGreaterThan(0);
        expect(c.costUsd).toBeGreaterThan(0);
      }
    }
  });
});

describe("LLM engine failures through the pipeline (embedded)", () => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;
  let llm: FakeLlmServer;

  beforeAll(async () => {
    // The model refuses every parse; it would answer anything else normally.
    llm = await startFakeOpenAI((request) =>
      request.schemaName === "parsed_cv"
        ? { type: "refusal", message: "I can't help with that.", usage: { input: 1000, output: 10 } }
        : cvflowDefaultReply(request),
    );
    env = await createModeEnvironment("embedded", {
      ENGINE: "llm",
      LLM_BASE_URL: llm.baseUrl,
      LLM_API_KEY: "test-key",
      LLM_MAX_RETRIES: "0",
      JOB_ATTEMPTS: "3",
    });
    runtime = await createRuntime(env.config());
  });
  afterAll(async () => {
    await runtime?.close();
    await llm?.close();
    await env?.cleanup();
  });

  it("fails a refused parse at once, with the reason, and still bills the call", async () => {
    const userId = await createUser(runtime.db);
    const batchId = await createBatch(runtime.db, userId, null);
    const [id] = await upload(runtime, userId, batchId, (await makeCvFiles(1)).slice(0, 1));
    await runtime.scheduler.queueBatch(userId, batchId);
    const [row] = await waitForBatch(runtime.db, batchId);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row!.error).toMatch(/refused/);
    const calls = await runtime.db.select().from(llmUsage).where(eq(llmUsage.cvId, id!));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ stage: "parsing", inputTokens: 1000, outputTokens: 10 });
  });
});

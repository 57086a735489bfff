// Both adapters through their real SDKs over real HTTP to the fake servers.
import { afterEach, describe, expect, it } from "vitest";
import type { CompleteJsonRequest } from "../../src/llm/client.ts";
import { LlmRefusalError, LlmTimeoutError, LlmUnavailableError } from "../../src/llm/errors.ts";
import type { FakeLlmServer } from "../support/fake-openai.ts";
import { clientFor, PROVIDERS, startFake } from "./fixtures.ts";

const REQUEST: CompleteJsonRequest = {
  system: "Answer with JSON.",
  user: "Say ok.",
  schemaName: "answer",
  jsonSchema: {
    type: "object",
    properties: { ok: { type: "boolean" } },
    required: ["ok"],
    additionalProperties: false,
  },
};

let fake: FakeLlmServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe.each(PROVIDERS)("%s adapter", (provider) => {
  it("returns the JSON answer with its token usage", async () => {
    fake = await startFake(provider, [
      { type: "json", value: { ok: true }, usage: { input: 1200, cached: 1024, output: 7 } },
    ]);
    const result = await clientFor(provider, fake).completeJson(REQUEST);
    expect(JSON.parse(result.content)).toEqual({ ok: true });
    expect(result.refusal).toBeNull();
    expect(result.usage).toEqual({ inputTokens: 1200, cachedInputTokens: 1024, outputTokens: 7 });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it("sends structured-output settings the provider understands", async () => {
    fake = await startFake(provider, [{ type: "json", value: { ok: true } }]);
    await clientFor(provider, fake).completeJson(REQUEST);
    const body = fake.requests[0]!.body as {
      response_format?: unknown;
      messages: unknown[];
      tool_choice?: unknown;
      tools: Array<{ input_schema: unknown }>;
      system?: unknown;
      max_tokens?: number;
    };
    expect(fake.requests[0]!.headers.authorization ?? fake.requests[0]!.headers["x-api-key"]).toContain(
      "test-key",
    );
    if (provider === "openai") {
      expect(body.response_format).toEqual({
        type: "json_schema",
        json_schema: { name: "answer", schema: REQUEST.jsonSchema, strict: true },
      });
      expect(body.messages[0]).toEqual({ role: "system", content: REQUEST.system });
    } else {
      expect(body.tool_choice).toEqual({ type: "tool", name: "answer" });
      expect(body.tools).toHaveLength(1);
      expect(body.tools[0]!.input_schema).toEqual(REQUEST.jsonSchema);
      expect(body.system).toEqual([
        { type: "text", text: REQUEST.system, cache_control: { type: "ephemeral" } },
      ]);
      expect(body.max_tokens).toBeGreaterThan(0);
    }
  });

  it("waits as long as Retry-After asks after a 429, then succeeds", async () => {
    fake = await startFake(provider, [
      { type: "error", status: 429, headers: { "retry-after": "1" } },
      { type: "json", value: { ok: true } },
    ]);
    const result = await clientFor(provider, fake).completeJson(REQUEST);
    expect(JSON.parse(result.content)).toEqual({ ok: true });
    expect(fake.requests).toHaveLength(2);
    // A lower bound only: the SDK must not retry before the server said it may.
    expect(fake.requests[1]!.receivedAt - fake.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it("retries a 500 and gives up with LlmUnavailableError once retries are spent", async () => {
    fake = await startFake(provider, [
      { type: "error", status: 500, headers: { "retry-after-ms": "10" } },
      { type: "error", status: 503, headers: { "retry-after-ms": "10" } },
      { type: "error", status: 500, headers: { "retry-after-ms": "10" } },
      { type: "json", value: { ok: true } },
    ]);
    const error = await clientFor(provider, fake, { maxRetries: 2 })
      .completeJson(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).status).toBe(500);
    expect((error as LlmUnavailableError).retryable).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it("does not retry a 400 and reports it as not retryable", async () => {
    fake = await startFake(provider, [{ type: "error", status: 400, message: "bad schema" }]);
    const error = await clientFor(provider, fake)
      .completeJson(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmUnavailableError);
    expect((error as LlmUnavailableError).retryable).toBe(false);
    expect(fake.requests).toHaveLength(1);
  });

  it("times out with LlmTimeoutError when the answer is too slow", async () => {
    fake = await startFake(provider, [
      { type: "delay", ms: 3000, reply: { type: "json", value: { ok: true } } },
    ]);
    const error = await clientFor(provider, fake, { timeoutMs: 200, maxRetries: 0 })
      .completeJson(REQUEST)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmTimeoutError);
    expect(fake.requests).toHaveLength(1);
  });

  it("retries after a timeout when retries are left", async () => {
    fake = await startFake(provider, [
      { type: "delay", ms: 3000, reply: { type: "json", value: { ok: false } } },
      { type: "json", value: { ok: true } },
    ]);
    const result = await clientFor(provider, fake, { timeoutMs: 200, maxRetries: 1 }).completeJson(REQUEST);
    expect(JSON.parse(result.content)).toEqual({ ok: true });
    expect(fake.requests).toHaveLength(2);
  });

  it("reports a refusal instead of content", async () => {
    fake = await startFake(provider, [{ type: "refusal", message: "I can't help with that." }]);
    const result = await clientFor(provider, fake).completeJson(REQUEST);
    expect(result.refusal).toContain("can't help");
    expect(result.content).toBe("");
    // The structured layer turns it into a domain error.
    expect(new LlmRefusalError(result.refusal!).retryable).toBe(false);
  });
});

// OpenAI adapter (also Azure OpenAI v1, Ollama, vLLM, LM Studio through `baseUrl`): Chat Completions
// with a strict JSON-schema response format.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { CompleteJsonRequest, CompleteJsonResult, LlmClient, LlmClientConfig } from "./client.ts";
import { LlmConfigError } from "./errors.ts";
import { toLlmError } from "./sdk-errors.ts";

const OPENAI_HOST = "api.openai.com";

export function createOpenAiClient(config: LlmClientConfig): LlmClient {
  if (!config.apiKey && !config.baseUrl)
    throw new LlmConfigError("LLM_API_KEY is required for the OpenAI API (or set LLM_BASE_URL)");
  const sdk = new OpenAI({
    // Local servers ignore the key but the SDK insists on one.
    apiKey: config.apiKey ?? "unused",
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  // `prompt_cache_key` is OpenAI's own parameter; compatible servers may reject unknown fields.
  const official = !config.baseUrl || new URL(config.baseUrl).hostname === OPENAI_HOST;

  return {
    provider: "openai",
    model: config.model,
    async completeJson(request: CompleteJsonRequest): Promise<CompleteJsonResult> {
      const started = performance.now();
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await sdk.chat.completions.create({
          model: config.model,
          messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
          ],
          response_format: {
            type: "json_schema",
            json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
          },
          ...(request.maxOutputTokens ? { max_completion_tokens: request.maxOutputTokens } : {}),
          ...(official && request.cacheKey ? { prompt_cache_key: request.cacheKey } : {}),
        });
      } catch (error) {
        throw mapError(error, config.timeoutMs);
      }
      const latencyMs = performance.now() - started;
      const choice = completion.choices[0];
      const usage = completion.usage;
      return {
        content: choice?.message.content ?? "",
        refusal: choice?.message.refusal ?? null,
        usage: {
          inputTokens: usage?.prompt_tokens ?? 0,
          cachedInputTokens: usage?.prompt_tokens_details?.cached_tokens ?? 0,
          outputTokens: usage?.completion_tokens ?? 0,
        },
        latencyMs,
      };
    },
  };
}

function mapError(error: unknown, timeoutMs: number): unknown {
  if (!(error instanceof APIError)) return error;
  return toLlmError(
    {
      timeout: error instanceof APIConnectionTimeoutError,
      connection: error instanceof APIConnectionError,
      status: error.status ?? null,
      message: error.message,
    },
    timeoutMs,
    error,
  );
}

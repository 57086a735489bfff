// The provider port: one JSON-returning completion with structured output. Everything above it (prompts,
// validation, repair, cost) is provider-agnostic; the two adapters below speak the vendors' APIs.
import { createAnthropicClient } from "./anthropic-client.ts";
import { createOpenAiClient } from "./openai-client.ts";

export type LlmProvider = "openai" | "anthropic";

export interface LlmUsage {
  /** All prompt tokens, cached ones included. */
  inputTokens: number;
  /** The part of inputTokens read from the provider's prompt cache (billed at the cached price). */
  cachedInputTokens: number;
  outputTokens: number;
}

export interface CompleteJsonRequest {
  /** Stable instructions; kept identical across calls of a batch so the provider's prompt cache applies. */
  system: string;
  user: string;
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  /** Groups requests sharing a prefix (OpenAI `prompt_cache_key`); optional. */
  cacheKey?: string;
  /** Upper bound on the answer length; defaults per adapter. */
  maxOutputTokens?: number;
}

export interface CompleteJsonResult {
  /** The JSON text of the answer ("" when refused). */
  content: string;
  refusal: string | null;
  usage: LlmUsage;
  latencyMs: number;
}

export interface LlmClient {
  provider: LlmProvider;
  model: string;
  completeJson(request: CompleteJsonRequest): Promise<CompleteJsonResult>;
}

export interface LlmClientConfig {
  provider: LlmProvider;
  model: string;
  /** OpenAI-compatible servers (Azure, Ollama, vLLM, LM Studio) or a proxy; the vendor's API when unset. */
  baseUrl?: string;
  apiKey?: string;
  timeoutMs: number;
  /** Retries on 408/409/429/5xx and connection errors, with backoff honouring Retry-After (done by the SDKs). */
  maxRetries: number;
}

export function createLlmClient(config: LlmClientConfig): LlmClient {
  return config.provider === "anthropic" ? createAnthropicClient(config) : createOpenAiClient(config);
}

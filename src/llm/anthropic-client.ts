// Anthropic adapter: structured output through one forced tool whose input schema is the JSON schema;
// the system prompt is marked cacheable so a batch sharing it pays the cached price after the first call.
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError } from "@anthropic-ai/sdk";
import type { CompleteJsonRequest, CompleteJsonResult, LlmClient, LlmClientConfig } from "./client.ts";
import { LlmConfigError } from "./errors.ts";
import { toLlmError } from "./sdk-errors.ts";

const DEFAULT_MAX_OUTPUT_TOKENS = 8192;

export function createAnthropicClient(config: LlmClientConfig): LlmClient {
  if (!config.apiKey && !config.baseUrl)
    throw new LlmConfigError("LLM_API_KEY is required for the Anthropic API (or set LLM_BASE_URL)");
  const sdk = new Anthropic({
    apiKey: config.apiKey ?? "unused",
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });

  return {
    provider: "anthropic",
    model: config.model,
    async completeJson(request: CompleteJsonRequest): Promise<CompleteJsonResult> {
      const started = performance.now();
      let message: Anthropic.Messages.Message;
      try {
        message = await sdk.messages.create({
          model: config.model,
          max_tokens: request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
          system: [{ type: "text", text: request.system, cache_control: { type: "ephemeral" } }],
          tools: [
            {
              name: request.schemaName,
              description: "Record the answer. Always call this tool exactly once.",
              input_schema: request.jsonSchema as Anthropic.Messages.Tool.InputSchema,
            },
          ],
          tool_choice: { type: "tool", name: request.schemaName },
          messages: [{ role: "user", content: request.user }],
        });
      } catch (error) {
        throw mapError(error, config.timeoutMs);
      }
      const latencyMs = performance.now() - started;
      const usage = message.usage;
      const cacheRead = usage.cache_read_input_tokens ?? 0;
      // Anthropic counts cache reads and writes apart from `input_tokens`; ours is the whole prompt.
      const inputTokens = usage.input_tokens + cacheRead + (usage.cache_creation_input_tokens ?? 0);
      const result = {
        usage: { inputTokens, cachedInputTokens: cacheRead, outputTokens: usage.output_tokens },
        latencyMs,
      };
      if (message.stop_reason === "refusal") {
        const text = message.content.flatMap((b) => (b.type === "text" ? [b.text] : [])).join(" ");
        return { ...result, content: "", refusal: text || "refused" };
      }
      const tool = message.content.find((b) => b.type === "tool_use" && b.name === request.schemaName);
      // A missing tool call (or a truncated one) reaches validation as invalid output, which is repaired.
      const content =
        tool && tool.type === "tool_use" && message.stop_reason !== "max_tokens"
          ? JSON.stringify(tool.input)
          : "";
      return { ...result, content, refusal: null };
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

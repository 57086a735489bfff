// One structured request: call the model, validate the JSON with zod, and on invalid output make exactly
// one repair attempt that shows the model its own answer and the validation errors. Every call is
// returned (or attached to the error) with its tokens and cost, so nothing paid for goes unrecorded.
import type { z } from "zod";
import type { CompleteJsonResult, LlmClient } from "./client.ts";
import { LlmError, LlmInvalidOutputError, LlmRefusalError } from "./errors.ts";
import { costUsd, DEFAULT_PRICES, type PriceTable } from "./pricing.ts";
import { createFence, fenceHeader } from "./prompt-fence.ts";
import type { LlmCall } from "./usage.ts";

export interface StructuredRequest<T> {
  client: LlmClient;
  stage: string;
  system: string;
  user: string;
  schemaName: string;
  schema: z.ZodType<T>;
  jsonSchema: Record<string, unknown>;
  cacheKey?: string;
  maxOutputTokens?: number;
  prices?: PriceTable;
}

const MAX_REPORTED_ISSUES = 20;

export async function completeStructured<T>(
  req: StructuredRequest<T>,
): Promise<{ value: T; calls: LlmCall[] }> {
  const calls: LlmCall[] = [];
  const ask = async (user: string) => {
    let result: CompleteJsonResult;
    try {
      result = await req.client.completeJson({
        system: req.system,
        user,
        schemaName: req.schemaName,
        jsonSchema: req.jsonSchema,
        cacheKey: req.cacheKey,
        maxOutputTokens: req.maxOutputTokens,
      });
    } catch (error) {
      if (error instanceof LlmError) error.calls = [...calls];
      throw error;
    }
    calls.push(toCall(req, result));
    if (result.refusal !== null) throw withCalls(new LlmRefusalError(result.refusal), calls);
    return result.content;
  };

  const first = await ask(req.user);
  const firstCheck = validate(first, req.schema);
  if (firstCheck.ok) return { value: firstCheck.value, calls };

  // The repair keeps the original prompt as its prefix (cache-friendly) and fences the model's own
  // answer: it was produced from untrusted text and may carry its instructions.
  const fence = createFence();
  const repairUser = [
    req.user,
    "",
    fenceHeader(fence),
    "Your previous answer (below) was rejected. Answer again with the complete corrected JSON object.",
    fence.wrap("previous_answer", first.slice(0, 20_000)),
    fence.wrap("validation_errors", firstCheck.issues.join("\n")),
  ].join("\n");
  const second = await ask(repairUser);
  const secondCheck = validate(second, req.schema);
  if (secondCheck.ok) return { value: secondCheck.value, calls };
  throw withCalls(new LlmInvalidOutputError(secondCheck.issues), calls);
}

function validate<T>(
  content: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; issues: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    return { ok: false, issues: [`not valid JSON: ${(error as Error).message}`] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues
      .slice(0, MAX_REPORTED_ISSUES)
      .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`),
  };
}

function toCall(req: StructuredRequest<unknown>, result: CompleteJsonResult): LlmCall {
  return {
    stage: req.stage,
    provider: req.client.provider,
    model: req.client.model,
    inputTokens: result.usage.inputTokens,
    cachedInputTokens: result.usage.cachedInputTokens,
    outputTokens: result.usage.outputTokens,
    costUsd: costUsd(req.client.model, result.usage, req.prices ?? DEFAULT_PRICES).usd,
    latencyMs: result.latencyMs,
  };
}

function withCalls<E extends LlmError>(error: E, calls: LlmCall[]): E {
  error.calls = [...calls];
  return error;
}

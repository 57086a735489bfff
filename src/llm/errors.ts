// Domain errors of the LLM layer. Adapters translate SDK/HTTP failures into these, so callers (the
// pipeline, the API) never see provider-specific error types. Calls already paid for travel with the
// error, so a failed stage can still be billed.
import type { LlmCall } from "./usage.ts";

export class LlmError extends Error {
  override name = "LlmError";
  /** Calls made (and billed) before the failure. */
  calls: LlmCall[] = [];
  constructor(
    message: string,
    /** Whether trying again later may succeed (rate limit, outage, timeout). */
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The model declined to answer (safety refusal). */
export class LlmRefusalError extends LlmError {
  override name = "LlmRefusalError";
  constructor(readonly refusal: string) {
    super(`the model refused: ${refusal}`, false);
  }
}

/** No answer within the configured timeout, retries included. */
export class LlmTimeoutError extends LlmError {
  override name = "LlmTimeoutError";
  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`no answer from the LLM within ${timeoutMs} ms`, true, options);
  }
}

/** The answer was not valid JSON for the schema, even after the repair attempt. */
export class LlmInvalidOutputError extends LlmError {
  override name = "LlmInvalidOutputError";
  constructor(readonly issues: string[]) {
    super(`the LLM answer did not match the schema: ${issues.slice(0, 5).join("; ")}`, false);
  }
}

/** The provider could not be reached or rejected the request (rate limit, outage, auth, bad request). */
export class LlmUnavailableError extends LlmError {
  override name = "LlmUnavailableError";
  constructor(
    message: string,
    readonly status: number | null,
    retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, retryable, options);
  }
}

/** Missing or inconsistent LLM settings (e.g. no API key for the hosted provider). */
export class LlmConfigError extends LlmError {
  override name = "LlmConfigError";
  constructor(message: string) {
    super(message, false);
  }
}

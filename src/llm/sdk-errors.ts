// Both vendor SDKs (Stainless-generated) fail the same ways; this turns one failure, already classified
// by the adapter, into a domain error.
import { type LlmError, LlmTimeoutError, LlmUnavailableError } from "./errors.ts";

export interface SdkFailure {
  timeout: boolean;
  connection: boolean;
  /** HTTP status when the provider answered. */
  status: number | null;
  message: string;
}

export function toLlmError(failure: SdkFailure, timeoutMs: number, cause: unknown): LlmError {
  if (failure.timeout) return new LlmTimeoutError(timeoutMs, { cause });
  if (failure.connection)
    return new LlmUnavailableError(`LLM unreachable: ${failure.message}`, null, true, { cause });
  const status = failure.status;
  // The SDK already retried these; whoever runs the job may try again later.
  const retryable = status === 408 || status === 409 || status === 429 || (status !== null && status >= 500);
  return new LlmUnavailableError(
    `LLM request failed (${status ?? "?"}): ${failure.message}`,
    status,
    retryable,
    {
      cause,
    },
  );
}

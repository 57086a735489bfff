// Turning what GitHub answered into the reason a GitHub analysis was skipped. Domain code sees these
// reasons, never HTTP errors.

export class GithubNotFoundError extends Error {
  constructor(readonly username: string) {
    super(`GitHub account ${username} not found`);
    this.name = "GithubNotFoundError";
  }
}

/** A GitHub answer that does not have the shape the analysis relies on. */
export class GithubResponseError extends Error {
  constructor(what: string) {
    super(`unexpected GitHub response: ${what}`);
    this.name = "GithubResponseError";
  }
}

/**
 * The whole analysis ran past its deadline. Named "AbortError" on purpose: Octokit rethrows an abort
 * as is instead of wrapping it in a retryable 500, so no retry waits after the deadline.
 */
export class GithubDeadlineError extends Error {
  constructor(readonly seconds: number) {
    super(`GitHub analysis exceeded ${seconds} s`);
    this.name = "AbortError";
  }
}

export interface SkipReason {
  reason: string;
  /** ISO time after which asking again makes sense (rate limits only). */
  resetAt?: string;
}

interface HttpErrorLike {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

/** Octokit's RequestError, recognised by shape (the class lives in a transitive dependency). */
export function asHttpError(error: unknown): HttpErrorLike | null {
  if (!(error instanceof Error)) return null;
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" ? (error as unknown as HttpErrorLike) : null;
}

function header(error: HttpErrorLike, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

export function isRateLimit(error: HttpErrorLike): boolean {
  if (error.status === 429) return true;
  if (error.status !== 403) return false;
  return (
    header(error, "x-ratelimit-remaining") === "0" ||
    header(error, "retry-after") !== undefined ||
    /rate limit/i.test(error.message)
  );
}

/** When a rate limit lifts: x-ratelimit-reset (epoch seconds) or retry-after (seconds from now). */
export function rateLimitResetAt(error: HttpErrorLike, now: Date): string | undefined {
  const reset = Number(header(error, "x-ratelimit-reset"));
  const retryAfter = Number(header(error, "retry-after"));
  // A secondary limit names its own wait; prefer it over the primary window's reset.
  if (Number.isFinite(retryAfter) && retryAfter > 0 && header(error, "retry-after") !== undefined)
    return new Date(now.getTime() + retryAfter * 1000).toISOString();
  if (Number.isFinite(reset) && reset > 0 && header(error, "x-ratelimit-reset") !== undefined)
    return new Date(reset * 1000).toISOString();
  return undefined;
}

export function skipReasonOf(error: unknown, now: Date): SkipReason {
  if (error instanceof GithubNotFoundError) return { reason: "not found" };
  if (error instanceof GithubResponseError) return { reason: error.message };
  if (error instanceof GithubDeadlineError) return { reason: `timed out after ${error.seconds} s` };
  const http = asHttpError(error);
  if (!http) return { reason: `unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  if (isRateLimit(http)) {
    const resetAt = rateLimitResetAt(http, now);
    return resetAt ? { reason: "rate limited", resetAt } : { reason: "rate limited" };
  }
  if (http.status === 401) return { reason: "bad credentials (check GITHUB_TOKEN)" };
  if (http.status === 403) return { reason: "forbidden" };
  if (http.status === 404) return { reason: "not found" };
  // Octokit reports a failed fetch (refused connection, timeout) as status 500 without a response.
  if (!http.response) return { reason: `network error: ${http.message}` };
  if (http.status >= 500) return { reason: `server error (HTTP ${http.status})` };
  return { reason: `GitHub answered HTTP ${http.status}` };
}

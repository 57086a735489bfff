// The Octokit client for one analysis: REST with the retry and throttling plugins, a per-request timeout
// and a count of every HTTP request it sends (retries included), which is the cost reported per CV.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { GithubDeadlineError } from "./errors.ts";

export interface GithubClientOptions {
  baseUrl: string;
  token?: string;
  /** Base of every wait (retry backoff, retry-after); 1000 = seconds as GitHub states them. */
  retryBaseMs: number;
  /** A rate limit whose reset is at most this far away is waited out once; longer ones skip. */
  maxRateLimitWaitSeconds: number;
  /** Retries of a 5xx or network failure before giving up. */
  serverRetries: number;
  requestTimeoutMs: number;
  /** The whole analysis (all calls, retries and waits) ends by then. */
  deadlineMs: number;
}

const GithubOctokit = Octokit.plugin(retry, throttling);
export type GithubOctokit = InstanceType<typeof GithubOctokit>;

export interface GithubClient {
  octokit: GithubOctokit;
  /** HTTP requests sent so far. */
  calls(): number;
  /** Stops the deadline timer; call when the analysis is over. */
  dispose(): void;
}

const noop = () => {};
// Octokit warns on every rate limit and deprecation; the outcome already reports what matters.
const quietLog = { debug: noop, info: noop, warn: noop, error: noop };

export function createGithubClient(options: GithubClientOptions): GithubClient {
  let calls = 0;
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new GithubDeadlineError(options.deadlineMs / 1000)),
    options.deadlineMs,
  );
  timer.unref();
  const countingFetch: typeof fetch = (input, init) => {
    // Past the deadline nothing is sent (and nothing counted).
    if (deadline.signal.aborted) return Promise.reject(deadline.signal.reason);
    calls++;
    const signals = [deadline.signal, AbortSignal.timeout(options.requestTimeoutMs)];
    if (init?.signal) signals.push(init.signal);
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
  // Retry a rate limit at most once, and only when the wait is short: a long reset is reported (with
  // its time) instead of holding a worker.
  const onLimit = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
    retryCount < 1 && retryAfter <= options.maxRateLimitWaitSeconds;
  const octokit = new GithubOctokit({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.token ? { auth: options.token } : {}),
    userAgent: "cvflow",
    log: quietLog,
    request: { fetch: countingFetch },
    retry: {
      retries: options.serverRetries,
      retryAfterBaseValue: options.retryBaseMs,
      // 403/429 are the throttling plugin's; 409 is "repository is empty"; the rest are final answers.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: options.retryBaseMs,
      onRateLimit: onLimit,
      onSecondaryRateLimit: onLimit,
    },
  });
  return { octokit, calls: () => calls, dispose: () => clearTimeout(timer) };
}

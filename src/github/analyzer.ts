// The GitHub analyzer the pipeline calls. Facts are fetched once per username and TTL (cached, including
// "not found"), then combined with each batch's JD requirements. It never throws: every GitHub-side
// problem (missing account, rate limit, 5xx after retries, network, odd response) and every cache failure
// becomes a "skipped" outcome or a cache miss, so a GitHub error never fails the CV.
import { buildGithubAnalysis } from "./analysis.ts";
import type { GithubCache } from "./cache.ts";
import { createGithubClient } from "./client.ts";
import { GithubNotFoundError, skipReasonOf } from "./errors.ts";
import {
  DEFAULT_FETCH_LIMITS,
  type FetchLimits,
  fetchProfileFacts,
  UNAUTHENTICATED_FETCH_LIMITS,
} from "./fetch-profile.ts";
import { FACTS_VERSION, type GithubCacheEntry, githubCacheEntrySchema } from "./schema.ts";
import type { GithubAnalyzer, GithubOutcome, SkillRequirement } from "./types.ts";
import { isValidGithubUsername } from "./username.ts";

export type { GithubAnalysis } from "./schema.ts";
export type { GithubAnalyzer, GithubOutcome, SkillRequirement } from "./types.ts";

export interface GithubAnalyzerOptions {
  baseUrl: string;
  token?: string;
  cache: GithubCache;
  ttlSeconds: number;
  now?: () => Date;
  /** Bounds on pages and per-repository calls (defaults: DEFAULT_FETCH_LIMITS with a token, else the leaner UNAUTHENTICATED_FETCH_LIMITS). */
  limits?: Partial<FetchLimits>;
  /** Unit of retry waits in ms (default 1000; tests use 1). */
  retryBaseMs?: number;
  /** Rate limits resetting within this many seconds are waited out once (default 5). */
  maxRateLimitWaitSeconds?: number;
  /** Retries of a 5xx or network failure (default 2). */
  serverRetries?: number;
  /** Per request (default 15 s; a timed-out request is retried like a 5xx). */
  requestTimeoutMs?: number;
  /** The whole analysis, retries and waits included (default 30 s). */
  deadlineMs?: number;
}

type FetchResult =
  | { kind: "entry"; entry: GithubCacheEntry; apiCalls: number }
  | { kind: "skipped"; reason: string; resetAt?: string; apiCalls: number };

export function createGithubAnalyzer(options: GithubAnalyzerOptions): GithubAnalyzer {
  const now = options.now ?? (() => new Date());
  const base = options.token ? DEFAULT_FETCH_LIMITS : UNAUTHENTICATED_FETCH_LIMITS;
  const limits: FetchLimits = { ...base, ...options.limits };
  const inflight = new Map<string, Promise<FetchResult>>();
  // After a rate limit, ask nothing until it resets: every call in between would be refused anyway.
  let blockedUntil: { at: Date; resetAt: string } | null = null;

  async function readCache(key: string): Promise<GithubCacheEntry | null> {
    try {
      const hit = await options.cache.get(key);
      if (!hit) return null;
      if (now().getTime() - hit.fetchedAt.getTime() >= options.ttlSeconds * 1000) return null;
      const parsed = githubCacheEntrySchema.safeParse(hit.data);
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // an unreadable cache costs API calls, not the CV
    }
  }

  async function writeCache(key: string, entry: GithubCacheEntry, apiCalls: number, at: Date) {
    try {
      await options.cache.set(key, entry, apiCalls, at);
    } catch {
      // Not cached: the next batch asks GitHub again.
    }
  }

  async function fetchAndCache(username: string): Promise<FetchResult> {
    const client = createGithubClient({
      baseUrl: options.baseUrl,
      ...(options.token ? { token: options.token } : {}),
      retryBaseMs: options.retryBaseMs ?? 1000,
      maxRateLimitWaitSeconds: options.maxRateLimitWaitSeconds ?? 5,
      serverRetries: options.serverRetries ?? 2,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      deadlineMs: options.deadlineMs ?? 30_000,
    });
    const started = now();
    let entry: GithubCacheEntry;
    try {
      entry = await fetchProfileFacts(client.octokit, username, started, limits);
    } catch (error) {
      client.dispose();
      // Only the account itself missing is an answer worth caching; anything else may pass.
      if (!(error instanceof GithubNotFoundError)) {
        const skip = skipReasonOf(error, now());
        if (skip.resetAt) blockedUntil = { at: new Date(skip.resetAt), resetAt: skip.resetAt };
        return { kind: "skipped", ...skip, apiCalls: client.calls() };
      }
      entry = { version: FACTS_VERSION, kind: "not_found", username };
    }
    client.dispose();
    await writeCache(username, entry, client.calls(), started);
    return { kind: "entry", entry, apiCalls: client.calls() };
  }

  function outcomeOf(
    entry: GithubCacheEntry,
    requirements: readonly SkillRequirement[],
    apiCalls: number,
    cached: boolean,
  ): GithubOutcome {
    if (entry.kind === "not_found") return { status: "skipped", reason: "not found", apiCalls };
    return { status: "ok", analysis: buildGithubAnalysis(entry, requirements), apiCalls, cached };
  }

  return {
    async analyze(username, requirements) {
      if (!isValidGithubUsername(username))
        return { status: "skipped", reason: "invalid username", apiCalls: 0 };
      const key = username.toLowerCase();
      const cached = await readCache(key);
      if (cached) return outcomeOf(cached, requirements, 0, true);

      if (blockedUntil && blockedUntil.at.getTime() > now().getTime())
        return { status: "skipped", reason: "rate limited", resetAt: blockedUntil.resetAt, apiCalls: 0 };

      // Two CVs of the same candidate analysed at once share one set of calls.
      const pending = inflight.get(key);
      if (pending) {
        const result = await pending;
        if (result.kind === "skipped")
          return {
            status: "skipped",
            reason: result.reason,
            ...(result.resetAt ? { resetAt: result.resetAt } : {}),
            apiCalls: 0,
          };
        return outcomeOf(result.entry, requirements, 0, true);
      }
      const own = fetchAndCache(username).finally(() => inflight.delete(key));
      inflight.set(key, own);
      const result = await own;
      if (result.kind === "skipped") {
        const { kind: _kind, ...rest } = result;
        return { status: "skipped", ...rest };
      }
      return outcomeOf(result.entry, requirements, result.apiCalls, false);
    },
  };
}

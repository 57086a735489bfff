// The analyzer against a local fake GitHub over real HTTP, with real Octokit (pagination, retry and
// throttling plugins). Every server a test starts is closed after it.
import { afterEach, describe, expect, it } from "vitest";
import { createGithubAnalyzer } from "../../src/github/analyzer.ts";
import { createMemoryGithubCache, type GithubCache } from "../../src/github/cache.ts";
import { githubMatchSignal } from "../../src/github/match-signal.ts";
import { githubAnalysisSchema } from "../../src/github/schema.ts";
import type { GithubOutcome } from "../../src/github/types.ts";
import {
  analyzerFor,
  type FakeGithub,
  type FakeGithubOptions,
  type FakeProfile,
  fakeProfile,
  startFakeGithub,
} from "../support/fake-github.ts";

const NOW = new Date("2026-03-01T00:00:00Z");
/** Requirements without alternatives, one per skill. */
const reqs = (...skills: string[]) => skills.map((skill) => ({ skill }));
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

let servers: FakeGithub[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function fake(profiles: FakeProfile[], options: FakeGithubOptions = {}) {
  const server = await startFakeGithub(profiles, options);
  servers.push(server);
  return server;
}

function ok(outcome: GithubOutcome) {
  if (outcome.status !== "ok") throw new Error(`expected ok, got skipped: ${outcome.reason}`);
  return outcome;
}

/** fakeProfile plus extra original repositories, so the listing spans several pages. */
function bigProfile(login: string): FakeProfile {
  const base = fakeProfile(login, NOW);
  const extra = Array.from({ length: 3 }, (_, i) => ({
    name: `old-tool-${i}`,
    language: "Python",
    topics: ["cli"],
    pushed_at: daysAgo(600 + i),
    languages: { Python: 2_000 },
  }));
  return { ...base, repos: [...base.repos, ...extra] };
}

describe("GitHub analyzer", () => {
  it("analyses a profile across paginated repositories", async () => {
    const server = await fake([bigProfile("octo-dev")]);
    const analyzer = analyzerFor(server, NOW, { limits: { pageSize: 2, maxRepoPages: 5 } });
    const outcome = ok(
      await analyzer.analyze("Octo-Dev", reqs("TypeScript", "Kubernetes", "JavaScript", "Java")),
    );
    const a = githubAnalysisSchema.parse(outcome.analysis);

    // 7 repositories at 2 per page: Octokit followed the link headers to page 4.
    const repoPages = server.log.filter((l) => l.startsWith("GET /users/octo-dev/repos"));
    expect(repoPages).toHaveLength(4);
    expect(repoPages[3]).toContain("page=4");
    expect(outcome.apiCalls).toBe(server.requests);
    expect(outcome.cached).toBe(false);

    expect(a.username).toBe("octo-dev");
    expect(a.profile_url).toBe("https://github.com/octo-dev");
    expect(a.account_type).toBe("User");
    expect(a.public_repos).toBe(7);
    expect(a.original_repos).toBe(6); // the fork is left out
    expect(a.top_languages[0]).toMatchObject({ language: "TypeScript", repos: 1 });
    expect(a.top_languages.some((l) => l.language === "Rust")).toBe(false);
    expect(a.top_languages.find((l) => l.language === "Python")).toMatchObject({ repos: 3 });
    expect(a.notable_repos[0]).toMatchObject({
      name: "ts-service",
      stars: 120,
      forks: 14,
      language: "TypeScript",
    });
    // Events: 3 in the window; commits: 4 + 2 by the account since a year ago; active: two own repos + one other.
    expect(a.activity_last_12_months).toEqual({ events: 3, commits: 6, active_repos: 3 });
    expect(a.account_age_years).toBe(6);
    expect(a.relevance).toEqual({
      matched_skills: ["TypeScript", "Kubernetes", "JavaScript"],
      required_skills: 4,
      score: 75,
    });
    expect(a.github_score).toBeGreaterThan(40);
    expect(a.github_score).toBeLessThanOrEqual(100);
    expect(a.fetched_at).toBe(NOW.toISOString());

    // Identity fields the fake sends are never stored.
    const json = JSON.stringify(a);
    expect(json).not.toContain("Private Person");
    expect(json).not.toContain("Somewhere");
    expect(json).not.toContain("avatars");
    expect(json).not.toContain("1234");
  });

  it("stops listing at the page bound and says so", async () => {
    const server = await fake([bigProfile("octo-dev")]);
    const analyzer = analyzerFor(server, NOW, { limits: { pageSize: 2, maxRepoPages: 2 } });
    const a = ok(await analyzer.analyze("octo-dev", [])).analysis;
    expect(server.log.filter((l) => l.startsWith("GET /users/octo-dev/repos"))).toHaveLength(2);
    expect(a.original_repos).toBe(3); // 4 most recently pushed, minus the fork
    expect(a.evidence[0]).toContain("only the most recently pushed were listed");
  });

  it("reports a missing account as skipped and caches the answer", async () => {
    const server = await fake([]);
    const analyzer = analyzerFor(server, NOW);
    expect(await analyzer.analyze("nobody-here", [])).toEqual({
      status: "skipped",
      reason: "not found",
      apiCalls: 1,
    });
    expect(await analyzer.analyze("nobody-here", [])).toEqual({
      status: "skipped",
      reason: "not found",
      apiCalls: 0,
    });
    expect(server.requests).toBe(1);
  });

  it("skips with the reset time on a primary rate limit (403) and asks nothing until then", async () => {
    // The throttling plugin measures the wait on the real clock: the reset must be far from it.
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const resetAt = new Date(reset * 1000).toISOString();
    const server = await fake([fakeProfile("octo-dev", NOW), fakeProfile("other-dev", NOW)], {
      budget: 0,
      rateLimitReset: reset,
    });
    const analyzer = analyzerFor(server, NOW);
    expect(await analyzer.analyze("octo-dev", [])).toEqual({
      status: "skipped",
      reason: "rate limited",
      resetAt,
      apiCalls: 1,
    });
    expect(await analyzer.analyze("other-dev", [])).toEqual({
      status: "skipped",
      reason: "rate limited",
      resetAt,
      apiCalls: 0,
    });
    expect(server.requests).toBe(1);
  });

  it("skips with retry-after on a long secondary rate limit (429)", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)], {
      faults: [
        {
          path: "/users/octo-dev",
          status: 429,
          headers: { "retry-after": "120" },
          body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
        },
      ],
    });
    const outcome = await analyzerFor(server, NOW).analyze("octo-dev", []);
    expect(outcome).toEqual({
      status: "skipped",
      reason: "rate limited",
      resetAt: "2026-03-01T00:02:00.000Z",
      apiCalls: 1,
    });
  });

  it("retries once when a rate limit lifts within seconds (429 retry-after, 403 near reset)", async () => {
    const soon = String(Math.floor(Date.now() / 1000) + 1);
    const server = await fake([fakeProfile("octo-dev", NOW)], {
      faults: [
        {
          path: "/users/octo-dev",
          status: 429,
          headers: { "retry-after": "1" },
          body: { message: "You have exceeded a secondary rate limit." },
          times: 1,
        },
        {
          path: "/users/octo-dev/repos",
          status: 403,
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": soon },
          body: { message: "API rate limit exceeded for 127.0.0.1." },
          times: 1,
        },
      ],
    });
    const outcome = ok(await analyzerFor(server, NOW).analyze("octo-dev", []));
    expect(outcome.analysis.original_repos).toBe(3);
    expect(outcome.apiCalls).toBe(server.requests);
    expect(server.log.filter((l) => l === "GET /users/octo-dev")).toHaveLength(2);
  });

  it("retries a server error, then succeeds", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)], {
      faults: [{ path: "/users/octo-dev", status: 502, times: 1 }],
    });
    const outcome = ok(await analyzerFor(server, NOW).analyze("octo-dev", []));
    expect(server.log.filter((l) => l === "GET /users/octo-dev")).toHaveLength(2);
    expect(outcome.apiCalls).toBe(server.requests);
  });

  it("skips after retries when the server keeps failing, without caching the failure", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)], {
      faults: [{ path: /\/languages$/, status: 503 }],
    });
    const analyzer = analyzerFor(server, NOW);
    const first = await analyzer.analyze("octo-dev", []);
    expect(first).toMatchObject({ status: "skipped", reason: "server error (HTTP 503)" });
    expect(first.apiCalls).toBe(server.requests);
    // Each of the language calls was tried 1 + 2 times.
    expect(server.log.filter((l) => l.endsWith("/languages")).length).toBe(3 * 3);

    server.setFaults([]);
    const second = ok(await analyzer.analyze("octo-dev", []));
    expect(second.cached).toBe(false);
    expect(second.apiCalls).toBeGreaterThan(0);
  });

  it("skips on a network failure", async () => {
    const server = await fake([]);
    const url = server.url;
    await server.close();
    servers = [];
    const analyzer = createGithubAnalyzer({
      baseUrl: url,
      cache: createMemoryGithubCache(),
      ttlSeconds: 60,
      now: () => NOW,
      retryBaseMs: 1,
    });
    const outcome = await analyzer.analyze("octo-dev", []);
    expect(outcome).toMatchObject({ status: "skipped" });
    expect(outcome.status === "skipped" && outcome.reason).toMatch(/^network error/);
    expect(outcome.apiCalls).toBe(3);
  });

  it("retries a request that times out, and skips when the whole analysis runs past its deadline", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)], {
      faults: [{ path: "/users/octo-dev", status: 200, delayMs: 5_000, times: 1 }],
    });
    const retried = ok(await analyzerFor(server, NOW, { requestTimeoutMs: 200 }).analyze("octo-dev", []));
    expect(server.log.filter((l) => l === "GET /users/octo-dev")).toHaveLength(2);
    expect(retried.apiCalls).toBe(server.requests);

    server.setFaults([{ path: "/users/octo-dev/repos", status: 200, delayMs: 5_000 }]);
    const before = server.requests;
    const outcome = await analyzerFor(server, NOW, { deadlineMs: 300 }).analyze("octo-dev", []);
    expect(outcome).toEqual({ status: "skipped", reason: "timed out after 0.3 s", apiCalls: 2 });
    expect(server.requests - before).toBe(2);
  });

  it("analyses an empty profile", async () => {
    const server = await fake([{ login: "new-dev", created_at: daysAgo(30), repos: [], events: [] }]);
    const a = ok(await analyzerFor(server, NOW).analyze("new-dev", reqs("Python"))).analysis;
    expect(a.original_repos).toBe(0);
    expect(a.top_languages).toEqual([]);
    expect(a.notable_repos).toEqual([]);
    expect(a.activity_last_12_months).toEqual({ events: 0, commits: 0, active_repos: 0 });
    expect(a.relevance).toEqual({ matched_skills: [], required_skills: 1, score: 0 });
    expect(a.github_score).toBe(0);
    expect(githubMatchSignal(a, reqs("Python")).red_flags).toEqual([
      "GitHub: the linked profile shows no public activity in the last 12 months",
    ]);
    // user, one repository page, one event page; no per-repository calls.
    expect(server.requests).toBe(3);
  });

  it("recognises an organisation account and halves its score", async () => {
    const user = fakeProfile("acme-dev", NOW);
    const org: FakeProfile = { ...fakeProfile("acme", NOW), type: "Organization" };
    const server = await fake([user, org]);
    const analyzer = analyzerFor(server, NOW);
    const orgAnalysis = ok(await analyzer.analyze("acme", reqs("TypeScript"))).analysis;
    const userAnalysis = ok(await analyzer.analyze("acme-dev", reqs("TypeScript"))).analysis;
    expect(orgAnalysis.account_type).toBe("Organization");
    expect(orgAnalysis.score_breakdown.account_factor).toBe(0.5);
    expect(Math.abs(orgAnalysis.github_score - userAnalysis.github_score / 2)).toBeLessThanOrEqual(1);
    const signal = githubMatchSignal(orgAnalysis, reqs("TypeScript"));
    expect(signal.red_flags).toEqual([
      "GitHub: the linked account acme is an organisation, not a personal profile",
    ]);
    expect(signal.skill_evidence).toEqual([]);
  });

  it("serves a second analysis from the cache with zero calls, and refetches after the TTL", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)]);
    const cache = createMemoryGithubCache();
    let now = NOW;
    const analyzer = analyzerFor(server, NOW, { cache, ttlSeconds: 600, now: () => now });
    const first = ok(await analyzer.analyze("octo-dev", reqs("TypeScript")));
    const calls = server.requests;
    expect(first.apiCalls).toBe(calls);

    // Another batch, another JD: same facts, new relevance, no calls.
    const second = ok(await analyzer.analyze("OCTO-DEV", reqs("Go", "Rust")));
    expect(second).toMatchObject({ cached: true, apiCalls: 0 });
    expect(server.requests).toBe(calls);
    expect(second.analysis.relevance).toEqual({ matched_skills: ["Go"], required_skills: 2, score: 50 });
    expect(second.analysis.fetched_at).toBe(first.analysis.fetched_at);

    now = new Date(NOW.getTime() + 601_000);
    const third = ok(await analyzer.analyze("octo-dev", reqs("Go")));
    expect(third.cached).toBe(false);
    expect(server.requests).toBe(calls * 2);
  });

  it("shares one set of calls between concurrent analyses of the same account", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)]);
    const analyzer = analyzerFor(server, NOW);
    const outcomes = await Promise.all([
      analyzer.analyze("octo-dev", reqs("Go")),
      analyzer.analyze("octo-dev", reqs("TypeScript")),
    ]);
    const [a, b] = outcomes.map(ok);
    expect(a!.apiCalls + b!.apiCalls).toBe(server.requests);
    expect(Math.min(a!.apiCalls, b!.apiCalls)).toBe(0);
    expect(b!.analysis.relevance.matched_skills).toEqual(["TypeScript"]);
  });

  it("treats an unreadable or outdated cache entry as a miss", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)]);
    const broken: GithubCache = {
      get: async () => ({ data: { version: 0, kind: "profile" }, fetchedAt: NOW }),
      set: async () => {
        throw new Error("disk full");
      },
    };
    const outcome = ok(await analyzerFor(server, NOW, { cache: broken }).analyze("octo-dev", []));
    expect(outcome.cached).toBe(false);
    expect(outcome.apiCalls).toBeGreaterThan(0);
  });

  it("refuses an invalid username without calling GitHub", async () => {
    const server = await fake([]);
    expect(await analyzerFor(server, NOW).analyze("-bad--name-", [])).toEqual({
      status: "skipped",
      reason: "invalid username",
      apiCalls: 0,
    });
    expect(server.requests).toBe(0);
  });

  it("keeps to at most 6 calls per candidate without a token", async () => {
    const server = await fake([bigProfile("octo-dev")]);
    const outcome = ok(
      await analyzerFor(server, NOW, { token: undefined }).analyze("octo-dev", reqs("TypeScript")),
    );
    expect(outcome.apiCalls).toBe(6);
    expect(server.authorizations.every((h) => h === "")).toBe(true);
    expect(server.log.filter((l) => l.endsWith("/languages"))).toHaveLength(2);
    expect(outcome.analysis.top_languages[0]?.language).toBe("TypeScript");
  });

  it("sends the token when one is configured", async () => {
    const server = await fake([fakeProfile("octo-dev", NOW)]);
    ok(await analyzerFor(server, NOW, { token: "test-token-123" }).analyze("octo-dev", []));
    expect(server.authorizations.every((h) => h === "token test-token-123")).toBe(true);
    expect(server.authorizations.length).toBe(server.requests);
  });
});

// GitHub analysis cost and local overhead, against the fake GitHub server over real HTTP:
//   - API calls per analysis for a small and for a large profile (300 repositories, 300 events), with a
//     token (full budget) and without (lean budget), and the candidates per hour that allows (5,000 vs 60
//     requests/h);
//   - wall time per analysis on loopback (GitHub's own latency, ~8–12 s in the design document, is not
//     included: this is the analyzer's overhead), and per cache hit;
//   - username detection throughput on CV-sized text.
import { createGithubAnalyzer } from "../src/github/analyzer.ts";
import { createMemoryGithubCache } from "../src/github/cache.ts";
import { findGithubUsername } from "../src/github/username.ts";
import { type FakeProfile, fakeProfile, startFakeGithub } from "../test/support/fake-github.ts";

const NOW = new Date("2026-03-01T00:00:00Z");

function largeProfile(login: string): FakeProfile {
  const day = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
  const languages = ["TypeScript", "Go", "Python", "Rust", "Java", "Shell"];
  return {
    login,
    created_at: day(4000),
    repos: Array.from({ length: 300 }, (_, i) => ({
      name: `repo-${i}`,
      fork: i % 10 === 0,
      stars: (i * 37) % 500,
      forks: (i * 11) % 40,
      language: languages[i % languages.length] ?? null,
      topics: [`topic-${i % 20}`, "kubernetes"],
      pushed_at: day(i * 3),
      languages: { [languages[i % languages.length]!]: 10_000 + i, Dockerfile: 100 },
      commits: Array.from({ length: (i % 7) * 20 }, (_, k) => day(i * 3 + k)),
    })),
    events: Array.from({ length: 300 }, (_, i) => ({
      type: i % 3 === 0 ? "PullRequestEvent" : "PushEvent",
      created_at: day(i * 0.3),
      repo: `${login}/repo-${i % 40}`,
    })),
  };
}

async function timeAnalyses(profile: FakeProfile, runs: number, token: string | undefined) {
  const server = await startFakeGithub([profile]);
  try {
    let calls = 0;
    const started = performance.now();
    for (let i = 0; i < runs; i++) {
      // A fresh cache each run: every run pays the full set of calls.
      const analyzer = createGithubAnalyzer({
        baseUrl: server.url,
        ...(token ? { token } : {}),
        cache: createMemoryGithubCache(),
        ttlSeconds: 3600,
        now: () => NOW,
      });
      const outcome = await analyzer.analyze(profile.login, [
        { skill: "TypeScript" },
        { skill: "Kubernetes" },
        { skill: "Go" },
      ]);
      if (outcome.status !== "ok") throw new Error(`analysis skipped: ${outcome.reason}`);
      calls = outcome.apiCalls;
    }
    const perRun = (performance.now() - started) / runs;

    const cache = createMemoryGithubCache();
    const analyzer = createGithubAnalyzer({ baseUrl: server.url, cache, ttlSeconds: 3600, now: () => NOW });
    await analyzer.analyze(profile.login, [{ skill: "TypeScript" }]);
    const hits = 200;
    const hitStart = performance.now();
    for (let i = 0; i < hits; i++) await analyzer.analyze(profile.login, [{ skill: "Go" }]);
    const perHit = (performance.now() - hitStart) / hits;
    return { calls, perRun, perHit };
  } finally {
    await server.close();
  }
}

export async function run(): Promise<void> {
  for (const [label, profile] of [
    ["small profile (4 repos, 3 events)", fakeProfile("small-dev", NOW)],
    ["large profile (300 repos, 300 events)", largeProfile("large-dev")],
  ] as const) {
    const withToken = await timeAnalyses(profile, 10, "bench-token");
    const without = await timeAnalyses(profile, 10, undefined);
    console.log(
      `github ${label}: with a token ${withToken.calls} API calls/analysis → ${Math.floor(5000 / withToken.calls)} candidates/h ` +
        `(5,000 req/h); without ${without.calls} calls → ${Math.floor(60 / without.calls)} candidates/h (60 req/h); ` +
        `${withToken.perRun.toFixed(1)} ms/analysis on loopback (${((withToken.perRun / 8000) * 100).toFixed(2)}% of the 8 s budget), ` +
        `cache hit ${withToken.perHit.toFixed(3)} ms`,
    );
  }

  const text = `${"Senior engineer with ten years of TypeScript and Go. ".repeat(80)}\nGitHub: jane-doe\nlinkedin.com/in/jane`;
  const links = ["https://www.linkedin.com/in/jane", "mailto:jane@example.com"];
  const n = 2000;
  const started = performance.now();
  for (let i = 0; i < n; i++) findGithubUsername({ links, text, parsedGithub: null });
  const perCv = (performance.now() - started) / n;
  console.log(`github username detection: ${(perCv * 1000).toFixed(0)} µs per CV (${text.length} chars)`);
}

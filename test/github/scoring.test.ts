// The pure parts: relevance through the taxonomy, the documented score, and the labelled match signal.
import { describe, expect, it } from "vitest";
import { buildGithubAnalysis } from "../../src/github/analysis.ts";
import { githubMatchEntries, githubMatchSignal } from "../../src/github/match-signal.ts";
import { computeRelevance } from "../../src/github/relevance.ts";
import { FACTS_VERSION, type GithubFacts, githubAnalysisSchema } from "../../src/github/schema.ts";
import { githubScore } from "../../src/github/score.ts";

/** Requirements without alternatives, one per skill. */
const reqs = (...skills: string[]) => skills.map((skill) => ({ skill }));

const facts: GithubFacts = {
  version: FACTS_VERSION,
  kind: "profile",
  login: "octo-dev",
  account_type: "User",
  public_repos: 12,
  created_at: "2018-03-01T00:00:00.000Z",
  original_repos: 10,
  repos_truncated: false,
  language_bytes: [
    { language: "TypeScript", bytes: 60_000 },
    { language: "HCL", bytes: 20_000 },
    { language: "PLpgSQL", bytes: 10_000 },
    { language: "Java", bytes: 1_000 },
  ],
  language_sample_repos: 6,
  primary_languages: [
    { language: "TypeScript", repos: 5 },
    { language: "Rust", repos: 2 },
  ],
  topics: [
    { topic: "nodejs", repos: ["api", "cli"] },
    { topic: "k8s", repos: ["operator"] },
  ],
  notable_repos: [
    { name: "api", stars: 80, forks: 5, language: "TypeScript", topics: ["nodejs"], pushed_at: null },
  ],
  total_stars: 90,
  total_forks: 6,
  activity: { events: 40, commits: 120, active_repos: 5 },
  commits_capped: false,
  fetched_at: "2026-03-01T00:00:00.000Z",
};

describe("computeRelevance", () => {
  const input = buildGithubAnalysis(facts, []);

  it("maps languages and topics to required skills through the taxonomy", () => {
    const r = computeRelevance(
      input,
      reqs(
        "TypeScript",
        "JavaScript", // implied by TypeScript
        "Node.js", // topic "nodejs"
        "Kubernetes", // topic "k8s"
        "Terraform", // HCL
        "PostgreSQL", // PLpgSQL
        "Rust", // main language of 2 repositories, not in the byte sample
        "Java", // 1% of bytes: below the threshold
        "Go",
        "Underwater basket weaving",
      ),
    );
    expect(r.matched.map((m) => m.skill)).toEqual([
      "TypeScript",
      "JavaScript",
      "Node.js",
      "Kubernetes",
      "Terraform",
      "PostgreSQL",
      "Rust",
    ]);
    expect(r.required).toBe(10);
    expect(r.score).toBe(70);
    expect(r.matched.find((m) => m.skill === "JavaScript")?.evidence).toContain(
      "TypeScript implies JavaScript",
    );
    expect(r.matched.find((m) => m.skill === "Kubernetes")?.evidence).toBe('topic "k8s" on 1 repository');
  });

  it("never matches Java for JavaScript, and counts a skill named twice once", () => {
    const r = computeRelevance(
      { top_languages: [{ language: "Java", share: 1, repos: 3 }], top_topics: [] },
      reqs("JavaScript", "JS", "java"),
    );
    expect(r.matched.map((m) => m.skill)).toEqual(["java"]);
    expect(r.required).toBe(2);
    expect(r.score).toBe(50);
  });

  it("is not applicable without JD skills", () => {
    expect(computeRelevance(input, [])).toEqual({ matched: [], required: 0, score: 0 });
  });
});

describe("githubScore", () => {
  const base = {
    activity: { events: 0, commits: 0, active_repos: 0 },
    originalRepos: 0,
    starsAndForks: 0,
    accountAgeYears: 0,
    relevanceScore: 0 as number | null,
    organization: false,
  };

  it("is 0 for nothing and 100 for everything saturated", () => {
    expect(githubScore(base).score).toBe(0);
    expect(
      githubScore({
        activity: { events: 1000, commits: 10_000, active_repos: 50 },
        originalRepos: 100,
        starsAndForks: 10_000,
        accountAgeYears: 12,
        relevanceScore: 100,
        organization: false,
      }).score,
    ).toBe(100);
  });

  it("grows with each input and saturates", () => {
    const more = (patch: Partial<typeof base>) => githubScore({ ...base, ...patch }).score;
    expect(more({ originalRepos: 3 })).toBeGreaterThan(0);
    expect(more({ originalRepos: 10 })).toBeGreaterThan(more({ originalRepos: 3 }));
    expect(more({ originalRepos: 1000 })).toBe(more({ originalRepos: 15 }));
    expect(more({ starsAndForks: 1_000_000 })).toBe(10);
    expect(more({ accountAgeYears: 2.5 })).toBe(5);
  });

  it("scales to 100 without JD skills and halves an organisation", () => {
    const input = { ...base, accountAgeYears: 10, relevanceScore: null };
    expect(githubScore(input).score).toBe(Math.round((10 * 100) / 70));
    expect(githubScore({ ...input, organization: true }).score).toBe(Math.round((10 * 100) / 70 / 2));
  });

  it("is deterministic", () => {
    expect(buildGithubAnalysis(facts, reqs("Go"))).toEqual(buildGithubAnalysis(facts, reqs("Go")));
  });
});

describe("buildGithubAnalysis", () => {
  it("produces a valid analysis whose evidence explains the score", () => {
    const a = githubAnalysisSchema.parse(buildGithubAnalysis(facts, reqs("TypeScript", "Go")));
    expect(a.account_age_years).toBe(8);
    expect(a.top_languages[0]).toEqual({ language: "TypeScript", share: 0.659, repos: 5 });
    expect(a.top_languages.find((l) => l.language === "Rust")).toEqual({
      language: "Rust",
      share: 0,
      repos: 2,
    });
    expect(a.relevance).toEqual({ matched_skills: ["TypeScript"], required_skills: 2, score: 50 });
    const b = a.score_breakdown;
    expect(a.github_score).toBe(
      Math.round(b.activity + b.portfolio + b.community + b.longevity + b.relevance),
    );
    expect(a.evidence.at(-1)).toMatch(/^Score \d+: activity/);
  });
});

describe("githubMatchSignal", () => {
  it("names its source in every string and adds skill evidence", () => {
    const a = buildGithubAnalysis(facts, reqs("TypeScript", "Kubernetes", "Go"));
    const signal = githubMatchSignal(a, reqs("TypeScript", "Kubernetes", "Go"));
    const all = [...signal.strengths, ...signal.red_flags, ...signal.skill_evidence.map((s) => s.evidence)];
    expect(all.length).toBeGreaterThan(0);
    for (const text of all) expect(text.startsWith("GitHub: ")).toBe(true);
    expect(signal.skill_evidence.map((s) => s.skill)).toEqual(["TypeScript", "Kubernetes"]);
    expect(signal.strengths).toContain(
      "GitHub: public code shows TypeScript, Kubernetes (2 of 3 required skills)",
    );
    expect(signal.strengths).toContain("GitHub: repository api has 80 stars");
    expect(signal.red_flags).toEqual([]);
  });

  it("shapes the same signal as jd_match_data entries", () => {
    const a = buildGithubAnalysis(facts, reqs("TypeScript"));
    const entries = githubMatchEntries(a, reqs("TypeScript"));
    expect(entries.strengths[0]?.strength).toMatch(/^GitHub: /);
    expect(entries.strengths[0]?.evidence[0]).toMatch(/^GitHub: TypeScript: 66% of code/);
    const org = githubMatchEntries(buildGithubAnalysis({ ...facts, account_type: "Organization" }, []), []);
    expect(org.strengths).toEqual([]);
    expect(org.red_flags).toEqual([
      {
        flag: "GitHub: the linked account octo-dev is an organisation, not a personal profile",
        severity: "low",
        evidence: ["GitHub: https://github.com/octo-dev"],
      },
    ]);
  });
});

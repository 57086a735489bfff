// GitHub relevance of requirements with alternatives ("Python or Go"): a requirement is one group, met
// when any of its skills shows on GitHub; the match names the skill found and the requirement it met.
import { afterEach, describe, expect, it } from "vitest";
import { buildGithubAnalysis } from "../../src/github/analysis.ts";
import { githubMatchEntries, githubMatchSignal } from "../../src/github/match-signal.ts";
import { computeRelevance, type RelevanceInput } from "../../src/github/relevance.ts";
import { FACTS_VERSION, type GithubFacts, githubAnalysisSchema } from "../../src/github/schema.ts";
import type { GithubAnalyzer, SkillRequirement } from "../../src/github/types.ts";
import { type JobDescriptionInput, jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import type { MatchData } from "../../src/matching/match-schema.ts";
import { analyzeGithub, finalizeMatch } from "../../src/pipeline/stages.ts";
import { analyzerFor, type FakeGithub, fakeProfile, startFakeGithub } from "../support/fake-github.ts";

const NOW = new Date("2026-03-01T00:00:00Z");
const PYTHON_OR_GO: SkillRequirement = { skill: "Python", alternatives: ["Go"] };

/** A Go developer: Go is most of the code and the main language of 3 repositories. */
const goInput: RelevanceInput = {
  top_languages: [
    { language: "Go", share: 0.8, repos: 3 },
    { language: "Shell", share: 0.2, repos: 0 },
  ],
  top_topics: [{ topic: "kubernetes", repos: 2 }],
};

const goFacts: GithubFacts = {
  version: FACTS_VERSION,
  kind: "profile",
  login: "gopher",
  account_type: "User",
  public_repos: 5,
  created_at: "2019-03-01T00:00:00.000Z",
  original_repos: 5,
  repos_truncated: false,
  language_bytes: [
    { language: "Go", bytes: 80_000 },
    { language: "Shell", bytes: 20_000 },
  ],
  language_sample_repos: 4,
  primary_languages: [{ language: "Go", repos: 3 }],
  topics: [{ topic: "kubernetes", repos: ["operator", "controller"] }],
  notable_repos: [],
  total_stars: 3,
  total_forks: 1,
  activity: { events: 10, commits: 60, active_repos: 3 },
  commits_capped: false,
  fetched_at: NOW.toISOString(),
};

const GO_EVIDENCE = "Go: 80% of code in the sampled repositories, main language of 3 repositories";

describe("computeRelevance with alternatives", () => {
  it('meets "Python or Go" with Go, naming Go and the requirement it met', () => {
    expect(computeRelevance(goInput, [PYTHON_OR_GO])).toEqual({
      matched: [
        {
          skill: "Go",
          requirement: "Python or Go",
          evidence: `${GO_EVIDENCE} (meets the requirement "Python or Go")`,
        },
      ],
      required: 1,
      score: 100,
    });
  });

  it("names the requirement's own skill, without a requirement, when it has evidence", () => {
    const r = computeRelevance(goInput, [{ skill: "Go", alternatives: ["Python"] }]);
    expect(r.matched).toEqual([{ skill: "Go", evidence: GO_EVIDENCE }]);
  });

  it("prefers a skill shown directly over one only implied, else takes the implied one", () => {
    const tsAndGo: RelevanceInput = {
      top_languages: [
        { language: "TypeScript", share: 0.5, repos: 2 },
        { language: "Go", share: 0.5, repos: 2 },
      ],
      top_topics: [],
    };
    const jsOrGo = { skill: "JavaScript", alternatives: ["Go"] };
    expect(computeRelevance(tsAndGo, [jsOrGo]).matched.map((m) => m.skill)).toEqual(["Go"]);
    const tsOnly: RelevanceInput = { ...tsAndGo, top_languages: tsAndGo.top_languages.slice(0, 1) };
    const implied = computeRelevance(tsOnly, [jsOrGo]).matched;
    expect(implied.map((m) => m.skill)).toEqual(["JavaScript"]);
    expect(implied[0]?.evidence).toContain("TypeScript implies JavaScript");
    expect(implied[0]?.requirement).toBeUndefined();
  });

  it("counts a requirement met by none of its skills as one missing requirement", () => {
    const rustOnly: RelevanceInput = {
      top_languages: [{ language: "Rust", share: 1, repos: 4 }],
      top_topics: [],
    };
    expect(computeRelevance(rustOnly, [PYTHON_OR_GO])).toEqual({ matched: [], required: 1, score: 0 });
    const r = computeRelevance(rustOnly, [PYTHON_OR_GO, { skill: "Rust" }]);
    expect(r.matched.map((m) => m.skill)).toEqual(["Rust"]);
    expect(r.required).toBe(2);
    expect(r.score).toBe(50);
  });

  it("collapses duplicate requirements and duplicate skills within one", () => {
    const r = computeRelevance(goInput, [
      PYTHON_OR_GO,
      { skill: "Go", alternatives: ["Python"] }, // the same two skills in another order
      { skill: "python", alternatives: ["golang", "Go"] }, // aliases and a repeat
      { skill: "Go", alternatives: [] },
      { skill: "golang" }, // the same as "Go" alone
    ]);
    expect(r.required).toBe(2); // "Python or Go" and "Go"
    expect(r.matched).toEqual([
      {
        skill: "Go",
        requirement: "Python or Go",
        evidence: `${GO_EVIDENCE} (meets the requirement "Python or Go")`,
      },
      { skill: "Go", evidence: GO_EVIDENCE },
    ]);
    expect(r.score).toBe(100);
    // A skill repeated as its own alternative is a requirement without alternatives.
    expect(computeRelevance(goInput, [{ skill: "Go", alternatives: ["golang"] }]).matched).toEqual([
      { skill: "Go", evidence: GO_EVIDENCE },
    ]);
  });

  it("scores matched requirements over requirements, not skills over skills", () => {
    const requirements: SkillRequirement[] = [
      PYTHON_OR_GO, // met by Go
      { skill: "Kubernetes" }, // met by the topic
      { skill: "Java", alternatives: ["Kotlin", "Scala"] }, // not met
    ];
    const r = computeRelevance(goInput, requirements);
    expect(r.matched.map((m) => m.skill)).toEqual(["Go", "Kubernetes"]);
    expect(r.required).toBe(3);
    expect(r.score).toBe(Math.round((100 * 2) / 3)); // 67, where skills would give 2 of 6
  });

  it("gives the same result as before for requirements without alternatives", () => {
    const plain = ["Go", "Kubernetes", "Python", "Go"];
    const r = computeRelevance(
      goInput,
      plain.map((skill) => ({ skill })),
    );
    expect(r).toEqual(
      computeRelevance(
        goInput,
        plain.map((skill) => ({ skill, alternatives: [] })),
      ),
    );
    expect(r.matched.every((m) => !("requirement" in m))).toBe(true);
    expect(r.required).toBe(3);
  });
});

describe("analysis and match signal with alternatives", () => {
  const requirements: SkillRequirement[] = [PYTHON_OR_GO, { skill: "Kubernetes" }, { skill: "Java" }];

  it("stores the matched skill and counts requirements, in the unchanged stored shape", () => {
    const a = githubAnalysisSchema.parse(buildGithubAnalysis(goFacts, requirements));
    expect(a.relevance).toEqual({ matched_skills: ["Go", "Kubernetes"], required_skills: 3, score: 67 });
    expect(Object.keys(a.relevance).sort()).toEqual(["matched_skills", "required_skills", "score"]);
    expect(a.evidence).toContain(
      "JD skills with GitHub evidence: Go (for Python or Go), Kubernetes (2 of 3)",
    );
    expect(a.score_breakdown.relevance).toBe(20.1);
  });

  it("names the skill found and the requirement it met, from GitHub", () => {
    const a = buildGithubAnalysis(goFacts, requirements);
    const signal = githubMatchSignal(a, requirements);
    expect(signal.skill_evidence).toEqual([
      { skill: "Go", evidence: `GitHub: ${GO_EVIDENCE} (meets the requirement "Python or Go")` },
      { skill: "Kubernetes", evidence: 'GitHub: topic "kubernetes" on 2 repositories' },
    ]);
    expect(signal.strengths).toContain(
      "GitHub: public code shows Go (for Python or Go), Kubernetes (2 of 3 required skills)",
    );
    const entries = githubMatchEntries(a, requirements);
    expect(entries.strengths[0]?.evidence[0]).toBe(
      `GitHub: ${GO_EVIDENCE} (meets the requirement "Python or Go")`,
    );
  });

  it("says none of the requirements shows when no alternative does", () => {
    const a = buildGithubAnalysis(goFacts, [{ skill: "Java", alternatives: ["Kotlin"] }]);
    expect(a.relevance).toEqual({ matched_skills: [], required_skills: 1, score: 0 });
    expect(a.evidence).toContain("None of the 1 required JD skills shows in languages or topics");
  });
});

describe("pipeline stages 7 and 8 with alternatives", () => {
  let server: FakeGithub | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const jd: JobDescriptionInput = {
    title: "Backend engineer",
    description: "Python or Go, and Kubernetes.",
    location: null,
    requirements: jdRequirementsSchema.parse({
      required_skills: [
        { skill: "Python", importance: "critical", alternatives: ["Go"] },
        { skill: "Kubernetes", min_years: 2 },
      ],
    }),
  };

  it("passes each requirement with its alternatives to the analyzer", async () => {
    const seen: unknown[] = [];
    const analyzer: GithubAnalyzer = {
      async analyze(_username, reqs) {
        seen.push(reqs);
        return { status: "skipped", reason: "test", apiCalls: 0 };
      },
    };
    await analyzeGithub(analyzer, "gopher", jd);
    await analyzeGithub(analyzer, "gopher", null);
    expect(seen).toEqual([
      [
        expect.objectContaining({ skill: "Python", alternatives: ["Go"] }),
        expect.objectContaining({ skill: "Kubernetes" }),
      ],
      [],
    ]);
  });

  it("credits a Go developer for a Python-or-Go job, through analysis and finalizing", async () => {
    // fakeProfile: TypeScript and Go repositories, topics nodejs, postgresql, kubernetes.
    server = await startFakeGithub([fakeProfile("octo-dev", NOW)]);
    const outcome = await analyzeGithub(analyzerFor(server, NOW), "octo-dev", jd);
    if (outcome.status !== "ok") throw new Error(`expected ok, got skipped: ${outcome.reason}`);
    expect(outcome.analysis.relevance).toEqual({
      matched_skills: ["Go", "Kubernetes"],
      required_skills: 2,
      score: 100,
    });

    const { match } = finalizeMatch(emptyMatch(), outcome.analysis, jd.requirements.required_skills, null);
    const shows = match?.strengths.find((s) => s.strength.startsWith("GitHub: public code shows"));
    expect(shows?.strength).toBe(
      "GitHub: public code shows Go (for Python or Go), Kubernetes (2 of 2 required skills)",
    );
    expect(shows?.evidence[0]).toMatch(/^GitHub: Go: .*\(meets the requirement "Python or Go"\)$/);
  });
});

function emptyMatch(): MatchData {
  const notRequired = { score: 0, status: "not-required" as const, assessment: "not-required" as const };
  return {
    engine: "deterministic",
    engine_version: "test",
    overall_match_score: 50,
    match_summary: "",
    weights: { technical_skills: 1, experience: 0, education: 0, soft_skills: 0 },
    technical_skills_match: {
      score: 50,
      status: "assessed",
      required_skills_matched: [],
      required_skills_missing: [],
      preferred_skills_matched: [],
      preferred_skills_missing: [],
    },
    experience_match: {
      ...notRequired,
      required_years: null,
      candidate_years: null,
      relevant_years: null,
      evidence: [],
    },
    education_match: {
      ...notRequired,
      required_level: null,
      candidate_level: null,
      field_match: null,
      evidence: [],
    },
    soft_skills_match: { score: 0, status: "not-required", matched: [], missing: [] },
    culture_fit: { indicators: [] },
    red_flags: [],
    strengths: [],
    recommendation: {
      decision: "maybe",
      confidence: 50,
      reasoning: "",
      interview_focus_areas: [],
      next_steps: "",
    },
  };
}

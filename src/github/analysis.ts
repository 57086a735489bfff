// From cached facts and a JD's requirements to the `github_analysis` stored on a CV. Pure and
// deterministic: the same facts and skills always give the same analysis (ages are measured at the
// facts' fetch time, not "now").
import { computeRelevance, matchedSkillName } from "./relevance.ts";
import type { GithubAnalysis, GithubFacts } from "./schema.ts";
import { githubScore } from "./score.ts";
import type { SkillRequirement } from "./types.ts";

const MAX_LANGUAGES = 10;
const MAX_TOPICS = 30;
const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function topLanguages(facts: GithubFacts): GithubAnalysis["top_languages"] {
  const totalBytes = facts.language_bytes.reduce((sum, l) => sum + l.bytes, 0);
  const entries = new Map<string, { language: string; share: number; repos: number }>();
  for (const l of facts.language_bytes) {
    entries.set(l.language, {
      language: l.language,
      share: totalBytes > 0 ? round(l.bytes / totalBytes, 3) : 0,
      repos: 0,
    });
  }
  for (const p of facts.primary_languages) {
    const entry = entries.get(p.language) ?? { language: p.language, share: 0, repos: 0 };
    entry.repos = p.repos;
    entries.set(p.language, entry);
  }
  return [...entries.values()]
    .sort((a, b) => b.share - a.share || b.repos - a.repos || a.language.localeCompare(b.language))
    .slice(0, MAX_LANGUAGES);
}

function describeLanguages(languages: GithubAnalysis["top_languages"], sample: number): string | null {
  const byBytes = languages.filter((l) => l.share > 0).slice(0, 5);
  if (byBytes.length === 0) return null;
  const list = byBytes.map((l) => `${l.language} ${Math.round(l.share * 100)}%`).join(", ");
  return `Languages by code size: ${list} (${sample} sampled repositories)`;
}

export function buildGithubAnalysis(
  facts: GithubFacts,
  requirements: readonly SkillRequirement[],
): GithubAnalysis {
  const fetchedAt = new Date(facts.fetched_at);
  const ageYears = Math.max(0, (fetchedAt.getTime() - Date.parse(facts.created_at)) / YEAR_MS);
  const languages = topLanguages(facts);
  const topics = facts.topics.slice(0, MAX_TOPICS).map((t) => ({ topic: t.topic, repos: t.repos.length }));
  const relevance = computeRelevance({ top_languages: languages, top_topics: topics }, requirements);
  const organization = facts.account_type === "Organization";
  const { score, breakdown } = githubScore({
    activity: facts.activity,
    originalRepos: facts.original_repos,
    starsAndForks: facts.total_stars + facts.total_forks,
    accountAgeYears: ageYears,
    relevanceScore: relevance.required > 0 ? relevance.score : null,
    organization,
  });

  const a = facts.activity;
  const evidence: string[] = [
    `${facts.original_repos} original public repositories (${facts.public_repos} public in total)` +
      (facts.repos_truncated ? "; only the most recently pushed were listed" : ""),
  ];
  const languageLine = describeLanguages(languages, facts.language_sample_repos);
  if (languageLine) evidence.push(languageLine);
  evidence.push(
    `Last 12 months: ${a.events} public events (GitHub keeps 90 days), ` +
      `${a.commits}${facts.commits_capped ? "+" : ""} commits in sampled repositories, ${a.active_repos} active repositories`,
  );
  const top = facts.notable_repos[0];
  if (top && top.stars + top.forks > 0)
    evidence.push(`Most notable repository: ${top.name} (${top.stars} stars, ${top.forks} forks)`);
  evidence.push(
    `Account created ${facts.created_at.slice(0, 7)} (${round(ageYears, 1)} years before analysis)`,
  );
  if (relevance.required > 0)
    evidence.push(
      relevance.matched.length > 0
        ? `JD skills with GitHub evidence: ${relevance.matched.map(matchedSkillName).join(", ")} (${relevance.matched.length} of ${relevance.required})`
        : `None of the ${relevance.required} required JD skills shows in languages or topics`,
    );
  if (organization)
    evidence.push(
      "Organisation account: its repositories show the organisation's work, so the score is halved",
    );
  evidence.push(
    `Score ${score}: activity ${breakdown.activity}/35, portfolio ${breakdown.portfolio}/15, community ${breakdown.community}/10, ` +
      `longevity ${breakdown.longevity}/10, relevance ${relevance.required > 0 ? `${breakdown.relevance}/30` : "n/a (no JD skills; rest scaled to 100)"}`,
  );

  return {
    username: facts.login,
    profile_url: `https://github.com/${facts.login}`,
    account_type: facts.account_type,
    public_repos: facts.public_repos,
    original_repos: facts.original_repos,
    top_languages: languages,
    top_topics: topics,
    notable_repos: facts.notable_repos,
    activity_last_12_months: { ...facts.activity },
    account_age_years: round(ageYears, 1),
    relevance: {
      matched_skills: relevance.matched.map((m) => m.skill),
      required_skills: relevance.required,
      score: relevance.score,
    },
    github_score: score,
    score_breakdown: breakdown,
    evidence,
    fetched_at: facts.fetched_at,
  };
}

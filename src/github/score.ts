// github_score, 0–100, deterministic from the stored facts. Each part saturates, so no single number
// (one viral repository, a bot-like commit count) can carry the score:
//   activity   35 = 15·L(active repos, 6) + 12·L(commits, 150) + 8·L(public events, 60)   (last 12 months)
//   portfolio  15 = 15·L(original public repositories, 15)
//   community  10 = 10·L(stars + forks of original repositories, 200)
//   longevity  10 = 10·min(1, account age in years / 5)
//   relevance  30 = 30·relevance score / 100 (share of the JD's required skills with GitHub evidence;
//              a requirement with alternatives counts once, met by evidence for any of its skills)
// where L(x, k) = min(1, ln(1+x) / ln(1+k)): the first units count most. Without JD skills relevance is
// not applicable and the other 70 points are scaled to 100. An organisation account's repositories show
// the organisation's work, not the candidate's: its total is halved. Name, avatar, location and
// followers are not inputs.

export interface ScoreInput {
  activity: { events: number; commits: number; active_repos: number };
  originalRepos: number;
  starsAndForks: number;
  accountAgeYears: number;
  /** null when the JD has no required skills. */
  relevanceScore: number | null;
  organization: boolean;
}

export interface ScoreBreakdown {
  activity: number;
  portfolio: number;
  community: number;
  longevity: number;
  relevance: number;
  account_factor: number;
}

export const ORGANIZATION_FACTOR = 0.5;

function saturating(x: number, k: number): number {
  return Math.min(1, Math.log1p(Math.max(0, x)) / Math.log1p(k));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function githubScore(input: ScoreInput): { score: number; breakdown: ScoreBreakdown } {
  const a = input.activity;
  const activity =
    15 * saturating(a.active_repos, 6) + 12 * saturating(a.commits, 150) + 8 * saturating(a.events, 60);
  const portfolio = 15 * saturating(input.originalRepos, 15);
  const community = 10 * saturating(input.starsAndForks, 200);
  const longevity = 10 * Math.min(1, Math.max(0, input.accountAgeYears) / 5);
  const relevance = input.relevanceScore === null ? 0 : (30 * input.relevanceScore) / 100;
  const base = activity + portfolio + community + longevity;
  const total = input.relevanceScore === null ? (base * 100) / 70 : base + relevance;
  const factor = input.organization ? ORGANIZATION_FACTOR : 1;
  const score = Math.max(0, Math.min(100, Math.round(total * factor)));
  return {
    score,
    breakdown: {
      activity: round1(activity),
      portfolio: round1(portfolio),
      community: round1(community),
      longevity: round1(longevity),
      relevance: round1(relevance),
      account_factor: factor,
    },
  };
}

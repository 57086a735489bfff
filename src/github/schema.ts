// The shapes of the GitHub stage: `github_analysis` as stored on a CV (per JD), and the JD-independent
// profile facts that are cached per username. Identity fields GitHub returns (name, avatar, location,
// followers) are deliberately absent: they are never stored, so they can never enter a score.
import { z } from "zod";

export const ACCOUNT_TYPES = ["User", "Organization"] as const;

const notableRepoSchema = z.object({
  name: z.string(),
  stars: z.number().int().min(0),
  forks: z.number().int().min(0),
  language: z.string().nullable(),
  topics: z.array(z.string()),
  pushed_at: z.string().nullable(),
});

const activitySchema = z.object({
  /** Public events in the window (GitHub's events API reaches back 90 days / 300 events at most). */
  events: z.number().int().min(0),
  /** Commits authored in the window in the sampled owned repositories (a lower bound). */
  commits: z.number().int().min(0),
  /** Distinct repositories pushed to or acted on in the window. */
  active_repos: z.number().int().min(0),
});

export const scoreBreakdownSchema = z.object({
  activity: z.number(),
  portfolio: z.number(),
  community: z.number(),
  longevity: z.number(),
  relevance: z.number(),
  /** Multiplier applied to the sum (0.5 for organisation accounts, else 1). */
  account_factor: z.number(),
});

export const githubAnalysisSchema = z.object({
  username: z.string(),
  profile_url: z.string(),
  account_type: z.enum(ACCOUNT_TYPES),
  /** GitHub's own count of public repositories (forks included). */
  public_repos: z.number().int().min(0),
  /** Owned, non-fork public repositories that were analysed. */
  original_repos: z.number().int().min(0),
  /**
   * `share`: fraction 0–1 of code bytes in the sampled repositories (0 when the language was not in the
   * sample); `repos`: original repositories whose main language it is.
   */
  top_languages: z.array(
    z.object({ language: z.string(), share: z.number().min(0).max(1), repos: z.number().int().min(0) }),
  ),
  /** Repository topics and how many original repositories carry each. */
  top_topics: z.array(z.object({ topic: z.string(), repos: z.number().int().min(1) })),
  notable_repos: z.array(notableRepoSchema),
  activity_last_12_months: activitySchema,
  account_age_years: z.number().min(0),
  relevance: z.object({
    /** Required JD skills (as the JD names them) that the languages and topics give evidence for. */
    matched_skills: z.array(z.string()),
    /** Number of required JD skills considered (0 = no JD skills: relevance not applicable). */
    required_skills: z.number().int().min(0),
    /** 0–100: share of required skills matched. */
    score: z.number().int().min(0).max(100),
  }),
  github_score: z.number().int().min(0).max(100),
  score_breakdown: scoreBreakdownSchema,
  evidence: z.array(z.string()),
  fetched_at: z.string(),
});

export type GithubAnalysis = z.infer<typeof githubAnalysisSchema>;
export type NotableRepo = z.infer<typeof notableRepoSchema>;

/** Bump when the facts shape changes: older cache rows then read as misses. */
export const FACTS_VERSION = 1;

/** What one set of API calls learns about an account, independent of any JD (the cached value). */
export const githubFactsSchema = z.object({
  version: z.literal(FACTS_VERSION),
  kind: z.literal("profile"),
  login: z.string(),
  account_type: z.enum(ACCOUNT_TYPES),
  public_repos: z.number().int().min(0),
  created_at: z.string(),
  original_repos: z.number().int().min(0),
  /** True when the repository listing stopped at the page bound. */
  repos_truncated: z.boolean(),
  /** Bytes per language over `language_sample_repos` repositories, descending. */
  language_bytes: z.array(z.object({ language: z.string(), bytes: z.number().min(0) })),
  language_sample_repos: z.number().int().min(0),
  /** Main language → number of original repositories, descending. */
  primary_languages: z.array(z.object({ language: z.string(), repos: z.number().int().min(1) })),
  topics: z.array(z.object({ topic: z.string(), repos: z.array(z.string()) })),
  notable_repos: z.array(notableRepoSchema),
  total_stars: z.number().int().min(0),
  total_forks: z.number().int().min(0),
  activity: activitySchema,
  /** True when some sampled repository returned a full page of commits (the count is capped). */
  commits_capped: z.boolean(),
  fetched_at: z.string(),
});

/** A cached "no such account", so a missing username is not asked for again within the TTL. */
export const githubNotFoundSchema = z.object({
  version: z.literal(FACTS_VERSION),
  kind: z.literal("not_found"),
  username: z.string(),
});

export const githubCacheEntrySchema = z.discriminatedUnion("kind", [githubFactsSchema, githubNotFoundSchema]);

export type GithubFacts = z.infer<typeof githubFactsSchema>;
export type GithubCacheEntry = z.infer<typeof githubCacheEntrySchema>;

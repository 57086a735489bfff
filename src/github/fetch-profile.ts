// One bounded set of REST calls that learns the JD-independent facts about an account:
//   GET /users/{u}                          1 call
//   GET /users/{u}/repos?type=owner          ≤ maxRepoPages pages, most recently pushed first
//   GET /repos/{u}/{r}/languages             ≤ languageRepos calls (the most starred/forked originals)
//   GET /users/{u}/events/public             ≤ maxEventPages pages, stopping at the window's start
//   GET /repos/{u}/{r}/commits?author&since  ≤ commitRepos calls, one page of 100 each
// Only the fields listed in the schemas below are read; name, avatar, location and followers are never
// taken from a response.
import { z } from "zod";
import type { GithubOctokit } from "./client.ts";
import { asHttpError, GithubNotFoundError, GithubResponseError } from "./errors.ts";
import { FACTS_VERSION, type GithubFacts, type NotableRepo } from "./schema.ts";

export interface FetchLimits {
  /** per_page of listings (GitHub's maximum is 100). */
  pageSize: number;
  maxRepoPages: number;
  languageRepos: number;
  maxEventPages: number;
  commitRepos: number;
  notableRepos: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  pageSize: 100,
  maxRepoPages: 3,
  languageRepos: 6,
  maxEventPages: 3,
  commitRepos: 4,
  notableRepos: 5,
};

/**
 * Without a token GitHub allows 60 requests an hour: at most 6 calls per candidate (user, one page of
 * repositories, two languages, one page of events, one commit count) instead of up to 17.
 */
export const UNAUTHENTICATED_FETCH_LIMITS: FetchLimits = {
  pageSize: 100,
  maxRepoPages: 1,
  languageRepos: 2,
  maxEventPages: 1,
  commitRepos: 1,
  notableRepos: 5,
};

const userSchema = z.object({
  login: z.string(),
  type: z.string(),
  public_repos: z.number().int().min(0),
  created_at: z.string(),
});

const repoSchema = z.object({
  name: z.string(),
  fork: z.boolean(),
  owner: z.object({ login: z.string() }),
  stargazers_count: z.number().int().min(0).default(0),
  forks_count: z.number().int().min(0).default(0),
  language: z.string().nullable().default(null),
  topics: z.array(z.string()).default([]),
  pushed_at: z.string().nullable().default(null),
  size: z.number().min(0).default(0),
});
type Repo = z.infer<typeof repoSchema>;

const eventSchema = z.object({
  type: z.string().nullable(),
  created_at: z.string().nullable(),
  repo: z.object({ name: z.string() }),
  // size/commits are present on GitHub Enterprise Server; github.com no longer sends them.
  payload: z.object({ size: z.number().optional(), distinct_size: z.number().optional() }).loose().optional(),
});

const languagesSchema = z.record(z.string(), z.number());

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data);
  if (!result.success) throw new GithubResponseError(what);
  return result.data;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/** Answers that mean "nothing here" for one repository (deleted, empty, blocked), not a failure. */
function isMissingRepoData(error: unknown): boolean {
  const status = asHttpError(error)?.status;
  return status === 404 || status === 409 || status === 410 || status === 451;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function pushedAfter(repo: Repo, start: Date): boolean {
  const time = repo.pushed_at ? Date.parse(repo.pushed_at) : Number.NaN;
  return !Number.isNaN(time) && time >= start.getTime();
}

/** Stars and forks first, recency as the tie-break: what a reviewer would open first. */
function byNotability(a: Repo, b: Repo): number {
  return (
    b.stargazers_count + b.forks_count - (a.stargazers_count + a.forks_count) ||
    (b.pushed_at ?? "").localeCompare(a.pushed_at ?? "") ||
    a.name.localeCompare(b.name)
  );
}

async function fetchUser(octokit: GithubOctokit, username: string) {
  try {
    const { data } = await octokit.rest.users.getByUsername({ username });
    return parse(userSchema, data, "user");
  } catch (error) {
    if (asHttpError(error)?.status === 404) throw new GithubNotFoundError(username);
    throw error;
  }
}

async function fetchOwnedRepos(octokit: GithubOctokit, login: string, limits: FetchLimits) {
  const repos: Repo[] = [];
  let pages = 0;
  let truncated = false;
  const iterator = octokit.paginate.iterator(octokit.rest.repos.listForUser, {
    username: login,
    type: "owner",
    sort: "pushed",
    direction: "desc",
    per_page: limits.pageSize,
  });
  for await (const page of iterator) {
    pages++;
    repos.push(...parse(z.array(repoSchema), page.data, "repository list"));
    if (pages >= limits.maxRepoPages) {
      truncated = /rel="next"/.test(String(page.headers.link ?? ""));
      break;
    }
  }
  return { repos, truncated };
}

/**
 * Like Promise.all, but waits for every call to settle before failing, so no request is still running
 * (and uncounted) when the analysis reports its outcome.
 */
async function settleAll<T>(tasks: Array<Promise<T>>): Promise<T[]> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

async function fetchLanguageBytes(octokit: GithubOctokit, login: string, repos: Repo[]) {
  const bytes = new Map<string, number>();
  const results = await settleAll(
    repos.map(async (repo) => {
      try {
        const { data } = await octokit.rest.repos.listLanguages({ owner: login, repo: repo.name });
        return parse(languagesSchema, data, "languages");
      } catch (error) {
        if (isMissingRepoData(error)) return {};
        throw error;
      }
    }),
  );
  for (const languages of results) {
    for (const [language, count] of Object.entries(languages)) {
      if (count > 0) bytes.set(language, (bytes.get(language) ?? 0) + count);
    }
  }
  return [...bytes]
    .map(([language, total]) => ({ language, bytes: total }))
    .sort((a, b) => b.bytes - a.bytes || a.language.localeCompare(b.language));
}

async function fetchEventsInWindow(octokit: GithubOctokit, login: string, start: Date, limits: FetchLimits) {
  const events: Array<z.infer<typeof eventSchema>> = [];
  for (let page = 1; page <= limits.maxEventPages; page++) {
    const { data } = await octokit.rest.activity.listPublicEventsForUser({
      username: login,
      per_page: limits.pageSize,
      page,
    });
    const batch = parse(z.array(eventSchema), data, "events");
    const inWindow = batch.filter((e) => e.created_at && Date.parse(e.created_at) >= start.getTime());
    events.push(...inWindow);
    // Events come newest first: a short page or one reaching past the window is the last needed.
    if (batch.length < limits.pageSize || inWindow.length < batch.length) break;
  }
  return events;
}

/** One page of commits per repository: the count is capped there (GitHub's page maximum). */
export const COMMITS_PAGE = 100;

async function countCommits(octokit: GithubOctokit, login: string, repo: Repo, start: Date) {
  try {
    const { data } = await octokit.rest.repos.listCommits({
      owner: login,
      repo: repo.name,
      author: login,
      since: start.toISOString(),
      per_page: COMMITS_PAGE,
    });
    return parse(z.array(z.unknown()), data, "commits").length;
  } catch (error) {
    if (isMissingRepoData(error)) return 0;
    throw error;
  }
}

function countBy<T>(items: T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function topicIndex(repos: Repo[]): GithubFacts["topics"] {
  const byTopic = new Map<string, string[]>();
  for (const repo of repos) {
    for (const topic of new Set(repo.topics.map((t) => t.toLowerCase()))) {
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), repo.name]);
    }
  }
  return [...byTopic]
    .map(([topic, names]) => ({ topic, repos: names }))
    .sort((a, b) => b.repos.length - a.repos.length || a.topic.localeCompare(b.topic));
}

function toNotable(repo: Repo): NotableRepo {
  return {
    name: repo.name,
    stars: repo.stargazers_count,
    forks: repo.forks_count,
    language: repo.language,
    topics: repo.topics,
    pushed_at: isoOrNull(repo.pushed_at),
  };
}

export async function fetchProfileFacts(
  octokit: GithubOctokit,
  username: string,
  now: Date,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<GithubFacts> {
  const user = await fetchUser(octokit, username);
  const login = user.login;
  const windowStart = new Date(now.getTime() - YEAR_MS);

  const listing = await fetchOwnedRepos(octokit, login, limits);
  // type=owner still lists forks; the owner check guards against transferred repositories.
  const originals = listing.repos.filter(
    (r) => !r.fork && r.owner.login.toLowerCase() === login.toLowerCase(),
  );
  const notable = [...originals].sort(byNotability);

  const languageSample = notable.filter((r) => r.size > 0).slice(0, limits.languageRepos);
  const languageBytes = await fetchLanguageBytes(octokit, login, languageSample);

  const events = await fetchEventsInWindow(octokit, login, windowStart, limits);

  // The listing is sorted by push time, so the first recently pushed originals are the most active.
  const commitSample = originals
    .filter((r) => r.size > 0 && pushedAfter(r, windowStart))
    .slice(0, limits.commitRepos);
  const commitCounts = await settleAll(commitSample.map((r) => countCommits(octokit, login, r, windowStart)));
  const sampled = new Set(commitSample.map((r) => `${login}/${r.name}`.toLowerCase()));
  // Push sizes (Enterprise Server only) add commits in repositories the commit sample did not cover.
  const pushCommits = events
    .filter((e) => e.type === "PushEvent" && !sampled.has(e.repo.name.toLowerCase()))
    .reduce((sum, e) => sum + (e.payload?.distinct_size ?? e.payload?.size ?? 0), 0);

  const activeRepos = new Set([
    ...originals.filter((r) => pushedAfter(r, windowStart)).map((r) => `${login}/${r.name}`.toLowerCase()),
    ...events.map((e) => e.repo.name.toLowerCase()),
  ]);

  const primary = countBy(originals, (r) => r.language);
  return {
    version: FACTS_VERSION,
    kind: "profile",
    login,
    account_type: user.type === "Organization" ? "Organization" : "User",
    public_repos: user.public_repos,
    created_at: isoOrNull(user.created_at) ?? now.toISOString(),
    original_repos: originals.length,
    repos_truncated: listing.truncated,
    language_bytes: languageBytes,
    language_sample_repos: languageSample.length,
    primary_languages: [...primary]
      .map(([language, repos]) => ({ language, repos }))
      .sort((a, b) => b.repos - a.repos || a.language.localeCompare(b.language)),
    topics: topicIndex(originals),
    notable_repos: notable.slice(0, limits.notableRepos).map(toNotable),
    total_stars: originals.reduce((sum, r) => sum + r.stargazers_count, 0),
    total_forks: originals.reduce((sum, r) => sum + r.forks_count, 0),
    activity: {
      events: events.length,
      commits: commitCounts.reduce((a, b) => a + b, 0) + pushCommits,
      active_repos: activeRepos.size,
    },
    commits_capped: commitCounts.some((c) => c >= COMMITS_PAGE),
    fetched_at: now.toISOString(),
  };
}

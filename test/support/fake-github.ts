// A local stand-in for GitHub's REST API (node:http on 127.0.0.1, random port) serving the endpoints the
// analyzer uses, with real pagination (per_page/page and `link` headers, so Octokit's paginate follows
// them), rate-limit headers, and scripted faults (404, 403/429 rate limits, 5xx). Reusable by the
// pipeline tests: `const gh = await startFakeGithub([fakeProfile("octo-dev")])` then
// `analyzerFor(gh, now)` (or `createGithubAnalyzer({ baseUrl: gh.url, ... })`), and `await gh.close()`
// after the test.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGithubAnalyzer, type GithubAnalyzerOptions } from "../../src/github/analyzer.ts";
import { createMemoryGithubCache } from "../../src/github/cache.ts";

export interface FakeRepo {
  name: string;
  fork?: boolean;
  stars?: number;
  forks?: number;
  language?: string | null;
  topics?: string[];
  pushed_at: string;
  created_at?: string;
  /** Bytes per language (the /languages answer). */
  languages?: Record<string, number>;
  /** Commit dates by the account itself; an empty list with `empty: true` answers 409. */
  commits?: string[];
  empty?: boolean;
  /** Repository owner when it differs from the profile (a transferred repository). */
  owner?: string;
}

export interface FakeEvent {
  type: string;
  created_at: string;
  /** "owner/name". */
  repo: string;
  payload?: Record<string, unknown>;
}

export interface FakeProfile {
  login: string;
  type?: "User" | "Organization";
  created_at: string;
  /** Identity fields a real answer carries; the analyzer must ignore them. */
  name?: string;
  location?: string;
  avatar_url?: string;
  followers?: number;
  repos: FakeRepo[];
  events?: FakeEvent[];
}

export interface FakeFault {
  /** Matched against the request path (without the query). */
  path: string | RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many requests it answers before it stops (default: all). */
  times?: number;
  /** Answer only after this long (a slow or hanging GitHub). */
  delayMs?: number;
}

export interface FakeGithubOptions {
  faults?: FakeFault[];
  /** Requests served before every answer becomes a primary rate limit (403, x-ratelimit-remaining 0). */
  budget?: number;
  /** Epoch seconds sent as x-ratelimit-reset. */
  rateLimitReset?: number;
}

export interface FakeGithub {
  url: string;
  /** Requests received so far (faults included). */
  readonly requests: number;
  /** "GET /path?query" of every request, in order. */
  readonly log: string[];
  /** The authorization header of every request ("" when absent), in order. */
  readonly authorizations: string[];
  setFaults(faults: FakeFault[]): void;
  close(): Promise<void>;
}

interface State {
  profiles: Map<string, FakeProfile>;
  faults: Array<FakeFault & { used: number }>;
  options: FakeGithubOptions;
  requests: number;
  log: string[];
  authorizations: string[];
}

const DEFAULT_RESET = 4_102_444_800; // 2100-01-01

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    ...headers,
  });
  res.end(json);
}

function notFound(res: ServerResponse, rate: Record<string, string>) {
  send(
    res,
    404,
    { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" },
    rate,
  );
}

/** One page of `items` with GitHub's link header (next/last/prev/first) built from the request URL. */
function paginate<T>(req: IncomingMessage, url: URL, items: T[]): { page: T[]; link: string | null } {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page")) || 30));
  const pageNo = Math.max(1, Number(url.searchParams.get("page")) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  const linkTo = (n: number) => {
    const target = new URL(url.toString());
    target.searchParams.set("page", String(n));
    target.searchParams.set("per_page", String(perPage));
    return `<http://${req.headers.host}${target.pathname}${target.search}>`;
  };
  const parts: string[] = [];
  if (pageNo < last) parts.push(`${linkTo(pageNo + 1)}; rel="next"`, `${linkTo(last)}; rel="last"`);
  if (pageNo > 1) parts.push(`${linkTo(pageNo - 1)}; rel="prev"`, `${linkTo(1)}; rel="first"`);
  return { page, link: parts.length > 0 ? parts.join(", ") : null };
}

function sendPage<T>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  items: T[],
  rate: Record<string, string>,
) {
  const { page, link } = paginate(req, url, items);
  send(res, 200, page, link ? { ...rate, link } : rate);
}

function repoJson(profile: FakeProfile, repo: FakeRepo, baseUrl: string) {
  const owner = repo.owner ?? profile.login;
  return {
    id: Math.abs(hash(`${owner}/${repo.name}`)),
    name: repo.name,
    full_name: `${owner}/${repo.name}`,
    private: false,
    owner: { login: owner, type: profile.type ?? "User", avatar_url: profile.avatar_url ?? null },
    html_url: `https://github.com/${owner}/${repo.name}`,
    url: `${baseUrl}/repos/${owner}/${repo.name}`,
    description: null,
    fork: repo.fork ?? false,
    stargazers_count: repo.stars ?? 0,
    watchers_count: repo.stars ?? 0,
    forks_count: repo.forks ?? 0,
    language: repo.language ?? null,
    topics: repo.topics ?? [],
    archived: false,
    size: repo.empty ? 0 : 100,
    created_at: repo.created_at ?? repo.pushed_at,
    updated_at: repo.pushed_at,
    pushed_at: repo.pushed_at,
  };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}

function findRepo(state: State, owner: string, name: string): FakeRepo | null {
  const profile = state.profiles.get(owner.toLowerCase());
  return profile?.repos.find((r) => r.name.toLowerCase() === name.toLowerCase()) ?? null;
}

function route(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rate: Record<string, string>,
) {
  const baseUrl = `http://${req.headers.host}`;
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  if (req.method !== "GET") return notFound(res, rate);

  if (parts[0] === "users" && parts[1]) {
    const profile = state.profiles.get(parts[1].toLowerCase());
    if (!profile) return notFound(res, rate);
    if (parts.length === 2) {
      return send(
        res,
        200,
        {
          login: profile.login,
          id: Math.abs(hash(profile.login)),
          type: profile.type ?? "User",
          name: profile.name ?? null,
          location: profile.location ?? null,
          avatar_url: profile.avatar_url ?? `https://avatars.example/${profile.login}`,
          followers: profile.followers ?? 0,
          following: 0,
          html_url: `https://github.com/${profile.login}`,
          public_repos: profile.repos.length,
          created_at: profile.created_at,
          updated_at: profile.created_at,
        },
        rate,
      );
    }
    if (parts[2] === "repos" && parts.length === 3) {
      const sort = url.searchParams.get("sort") ?? "full_name";
      const direction = url.searchParams.get("direction") ?? (sort === "full_name" ? "asc" : "desc");
      const repos = [...profile.repos].sort((a, b) => {
        const cmp =
          sort === "full_name"
            ? a.name.localeCompare(b.name)
            : (sort === "created" ? (a.created_at ?? a.pushed_at) : a.pushed_at).localeCompare(
                sort === "created" ? (b.created_at ?? b.pushed_at) : b.pushed_at,
              );
        return direction === "asc" ? cmp : -cmp;
      });
      return sendPage(
        req,
        res,
        url,
        repos.map((r) => repoJson(profile, r, baseUrl)),
        rate,
      );
    }
    if (parts[2] === "events" && parts[3] === "public" && parts.length === 4) {
      const events = [...(profile.events ?? [])]
        .sort((a, b) => b.created_at.localeCompare(a.created_at))
        .map((e, i) => ({
          id: String(i + 1),
          type: e.type,
          actor: { login: profile.login, avatar_url: profile.avatar_url ?? null },
          repo: { name: e.repo, url: `${baseUrl}/repos/${e.repo}` },
          payload: e.payload ?? {},
          public: true,
          created_at: e.created_at,
        }));
      return sendPage(req, res, url, events, rate);
    }
    return notFound(res, rate);
  }

  if (parts[0] === "repos" && parts[1] && parts[2]) {
    const repo = findRepo(state, parts[1], parts[2]);
    if (!repo) return notFound(res, rate);
    if (parts[3] === "languages" && parts.length === 4) return send(res, 200, repo.languages ?? {}, rate);
    if (parts[3] === "commits" && parts.length === 4) {
      if (repo.empty) return send(res, 409, { message: "Git Repository is empty.", status: "409" }, rate);
      const author = url.searchParams.get("author");
      const since = url.searchParams.get("since");
      const owner = parts[1];
      const dates = (repo.commits ?? [])
        .filter(() => !author || author.toLowerCase() === owner.toLowerCase())
        .filter((d) => !since || d >= since)
        .sort((a, b) => b.localeCompare(a));
      const commits = dates.map((date, i) => ({
        sha: `${Math.abs(hash(`${repo.name}${i}`)).toString(16)}${i}`,
        commit: { author: { date }, message: `commit ${i}` },
      }));
      return sendPage(req, res, url, commits, rate);
    }
  }
  return notFound(res, rate);
}

export async function startFakeGithub(
  profiles: FakeProfile[],
  options: FakeGithubOptions = {},
): Promise<FakeGithub> {
  const state: State = {
    profiles: new Map(profiles.map((p) => [p.login.toLowerCase(), p])),
    faults: (options.faults ?? []).map((f) => ({ ...f, used: 0 })),
    options,
    requests: 0,
    log: [],
    authorizations: [],
  };
  const reset = String(options.rateLimitReset ?? DEFAULT_RESET);
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    state.requests++;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    state.log.push(`${req.method} ${url.pathname}${url.search}`);
    state.authorizations.push(req.headers.authorization ?? "");
    const budget = options.budget ?? Number.POSITIVE_INFINITY;
    const remaining = Math.max(0, budget - state.requests);
    const rate = {
      "x-ratelimit-limit": String(Number.isFinite(budget) ? budget : 5000),
      "x-ratelimit-remaining": String(Number.isFinite(budget) ? remaining : 4999),
      "x-ratelimit-reset": reset,
      "x-ratelimit-resource": "core",
    };
    if (state.requests > budget) {
      return send(
        res,
        403,
        {
          message: "API rate limit exceeded for 127.0.0.1.",
          documentation_url: "https://docs.github.com/rest",
        },
        { ...rate, "x-ratelimit-remaining": "0" },
      );
    }
    const fault = state.faults.find(
      (f) =>
        (f.times === undefined || f.used < f.times) &&
        (typeof f.path === "string" ? url.pathname === f.path : f.path.test(url.pathname)),
    );
    if (fault) {
      fault.used++;
      const answer = () => {
        if (res.destroyed) return;
        const body = fault.body ?? { message: `fault ${fault.status}` };
        send(res, fault.status, body, { ...rate, ...fault.headers });
      };
      if (!fault.delayMs) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, fault.delayMs);
      timers.add(timer);
      return;
    }
    route(state, req, res, url, rate);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get log() {
      return state.log;
    },
    get authorizations() {
      return state.authorizations;
    },
    setFaults(faults) {
      state.faults = faults.map((f) => ({ ...f, used: 0 }));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A small, realistic developer profile, dated relative to `now` (default: the real clock). */
export function fakeProfile(login: string, now: Date = new Date()): FakeProfile {
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  return {
    login,
    created_at: daysAgo(6 * 365),
    name: "Private Person",
    location: "Somewhere",
    followers: 1234,
    repos: [
      {
        name: "ts-service",
        stars: 120,
        forks: 14,
        language: "TypeScript",
        topics: ["nodejs", "postgresql"],
        pushed_at: daysAgo(5),
        languages: { TypeScript: 90_000, JavaScript: 5_000, Dockerfile: 500 },
        commits: [daysAgo(5), daysAgo(20), daysAgo(40), daysAgo(200), daysAgo(500)],
      },
      {
        name: "k8s-operator",
        stars: 8,
        forks: 1,
        language: "Go",
        topics: ["kubernetes"],
        pushed_at: daysAgo(30),
        languages: { Go: 40_000, Makefile: 1_000 },
        commits: [daysAgo(30), daysAgo(60)],
      },
      {
        name: "dotfiles",
        language: "Shell",
        pushed_at: daysAgo(400),
        languages: { Shell: 3_000 },
      },
      {
        name: "forked-lib",
        fork: true,
        stars: 0,
        language: "Rust",
        pushed_at: daysAgo(3),
        languages: { Rust: 1 },
      },
    ],
    events: [
      { type: "PushEvent", created_at: daysAgo(5), repo: `${login}/ts-service` },
      { type: "PullRequestEvent", created_at: daysAgo(12), repo: "other-org/big-project" },
      { type: "PushEvent", created_at: daysAgo(30), repo: `${login}/k8s-operator` },
    ],
  };
}

/** The analyzer against a fake GitHub, with a token (its full call budget), a fresh cache and fast retries. */
export function analyzerFor(server: FakeGithub, now: Date, overrides: Partial<GithubAnalyzerOptions> = {}) {
  return createGithubAnalyzer({
    baseUrl: server.url,
    token: "test-token",
    cache: createMemoryGithubCache(),
    ttlSeconds: 3600,
    now: () => now,
    retryBaseMs: 1,
    ...overrides,
  });
}

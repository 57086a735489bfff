// Finding the candidate's GitHub username in a CV. Candidates are ranked by how directly they name a
// personal account:
//   1. a profile link (github.com/<user>) among the document's hyperlinks;
//   2. a profile URL written in the text;
//   3. the parser's github_username, only if it also appears in the links or text (guards against a
//      username the model made up);
//   4. a label in the text: "GitHub: user", "GitHub username: user", "GitHub @user";
//   5. a gist (gist.github.com/<user>/…) or GitHub Pages site (<user>.github.io);
//   6. the owner of a repository URL (github.com/<owner>/<repo>), but only when the CV ties that owner to
//      the candidate: the URL is labelled as their GitHub ("GitHub: github.com/jane/app"), or the owner
//      matches the local part of an e-mail address in the CV (jdoe@… and github.com/jdoe/app).
// A bare repository URL is usually a project the candidate worked on under an employer's or an
// open-source organisation's account (the corpus has github.com/containous/flaeg on a Træfik developer's
// CV); analysing that account would credit the candidate with others' work, so it is not used. An
// organisation named by a profile link is still analysed: the analyzer reports its type and the match
// signal flags it.

export interface UsernameInput {
  links: string[];
  text: string;
  parsedGithub: string | null;
}

/** GitHub's rules: 1–39 alphanumerics or single hyphens, no leading or trailing hyphen. */
const USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** First path segments of github.com that are site pages, not accounts (GitHub reserves these). */
const RESERVED = new Set(
  [
    "about",
    "account",
    "apps",
    "blog",
    "codespaces",
    "collections",
    "contact",
    "customer-stories",
    "dashboard",
    "enterprise",
    "events",
    "explore",
    "features",
    "gist",
    "github",
    "home",
    "issues",
    "join",
    "login",
    "logout",
    "marketplace",
    "new",
    "nonprofit",
    "notifications",
    "organizations",
    "orgs",
    "pricing",
    "pulls",
    "readme",
    "repos",
    "search",
    "security",
    "sessions",
    "settings",
    "signup",
    "site",
    "solutions",
    "sponsors",
    "stars",
    "team",
    "topics",
    "trending",
    "users",
    "watching",
  ].map((s) => s.toLowerCase()),
);

/** Words that follow "GitHub:" in CVs without being a username. */
const LABEL_STOPWORDS = new Set([
  "available",
  "email",
  "http",
  "https",
  "link",
  "linkedin",
  "n",
  "na",
  "none",
  "on",
  "portfolio",
  "private",
  "profile",
  "request",
  "see",
  "twitter",
  "upon",
  "website",
  "www",
]);

export function isValidGithubUsername(name: string): boolean {
  return USERNAME.test(name) && !RESERVED.has(name.toLowerCase());
}

type Kind = "profile" | "gist" | "pages" | "repo";

interface UrlCandidate {
  user: string;
  kind: Kind;
  /** Written right after a "GitHub:" label in the text. */
  labelled?: boolean;
}

// The account segment must end at a URL boundary, so "github.com/alice_smith" or "github.com/alice." do
// not yield a truncated name.
const GITHUB_PATH =
  /^(?:https?:\/\/)?(?:www\.)?github\.com\/([A-Za-z0-9-]+)(?=$|[/?#\s,;:)\]>"'.])(?:\/([A-Za-z0-9._-]+))?/i;
const GIST_PATH = /^(?:https?:\/\/)?gist\.github\.com\/([A-Za-z0-9-]+)(?=$|[/?#\s,;:)\]>"'.])/i;
const PAGES_HOST = /^(?:https?:\/\/)?([A-Za-z0-9-]+)\.github\.io(?=$|[/?#:\s,;)\]>"'])/i;

/** The account a GitHub URL points at, and how directly. */
export function usernameFromUrl(raw: string): UrlCandidate | null {
  const url = raw.trim();
  const path = GITHUB_PATH.exec(url);
  if (path) {
    const [, user, second] = path;
    if (!user || !isValidGithubUsername(user)) return null;
    // "github.com/alice/" or "github.com/alice?tab=repositories" is a profile; a second segment a repo.
    // Trailing dots are sentence punctuation ("see github.com/jane/."), not a repository.
    const isRepo = (second ?? "").replace(/\.+$/, "").replace(/\.git$/, "").length > 0;
    return { user, kind: isRepo ? "repo" : "profile" };
  }
  const gist = GIST_PATH.exec(url);
  if (gist?.[1] && isValidGithubUsername(gist[1])) return { user: gist[1], kind: "gist" };
  const pages = PAGES_HOST.exec(url);
  if (pages?.[1] && isValidGithubUsername(pages[1])) return { user: pages[1], kind: "pages" };
  return null;
}

const URL_IN_TEXT =
  /(?:https?:\/\/)?(?:www\.|gist\.)?github\.com\/[^\s<>"'()[\]]+|[A-Za-z0-9-]+\.github\.io\S*/gi;

const LABEL_BEFORE = /git\s?hub(?:\s+(?:profile|account|page))?\s*[:：\-–]?\s*$/i;

function urlCandidatesInText(text: string): UrlCandidate[] {
  const out: UrlCandidate[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    // A URL written inside an e-mail address or a longer host (e.g. "notgithub.com") is not one.
    const before = match.index > 0 ? text[match.index - 1] : "";
    if (before && /[A-Za-z0-9@.-]/.test(before)) continue;
    const candidate = usernameFromUrl(match[0]);
    const labelled = LABEL_BEFORE.test(text.slice(Math.max(0, match.index - 24), match.index));
    if (candidate) out.push({ ...candidate, labelled });
  }
  return out;
}

// The name must end there: not inside a domain ("GitHub: github.com/…") or a URL scheme ("https:").
const LABEL =
  /\bgit\s?hub(?:\s+(?:user(?:\s?name)?|handle|profile|id|account))?\s*[:：]\s*@?([A-Za-z0-9-]{1,39})(?![A-Za-z0-9_/:@-]|\.[A-Za-z0-9])/gi;
const AT_LABEL = /\bgit\s?hub\s+@([A-Za-z0-9-]{1,39})(?![A-Za-z0-9_/:@-]|\.[A-Za-z0-9])/gi;

function labelledUsernames(text: string): string[] {
  const out: string[] = [];
  for (const pattern of [LABEL, AT_LABEL]) {
    for (const match of text.matchAll(pattern)) {
      const user = match[1];
      if (user && isValidGithubUsername(user) && !LABEL_STOPWORDS.has(user.toLowerCase())) out.push(user);
    }
  }
  return out;
}

/** The parser's value, which may be a bare name, "@name" or a URL. */
function parsedUsername(parsed: string | null): string | null {
  if (!parsed) return null;
  const value = parsed.trim();
  const fromUrl = usernameFromUrl(value);
  if (fromUrl) return fromUrl.kind === "repo" ? null : fromUrl.user;
  const bare = value.replace(/^@/, "");
  return isValidGithubUsername(bare) ? bare : null;
}

function appearsIn(user: string, haystack: string): boolean {
  return haystack.toLowerCase().includes(user.toLowerCase());
}

const EMAIL = /([A-Za-z0-9._%+-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** Local parts of the e-mail addresses in the CV, letters and digits only ("j.doe" → "jdoe"). */
function emailLocalParts(texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const text of texts) {
    for (const match of text.matchAll(EMAIL)) {
      const local = (match[1] ?? "").toLowerCase().replace(/[^a-z0-9]/g, "");
      if (local.length >= 3) out.add(local);
    }
  }
  return out;
}

function ownerMatchesEmail(owner: string, locals: Set<string>): boolean {
  const key = owner.toLowerCase().replace(/[^a-z0-9]/g, "");
  return key.length >= 3 && locals.has(key);
}

/** The most frequent repository owner; ties go to the one seen first. */
function mostFrequentOwner(candidates: UrlCandidate[]): string | null {
  const counts = new Map<string, { user: string; count: number; first: number }>();
  candidates.forEach((c, i) => {
    const key = c.user.toLowerCase();
    const entry = counts.get(key) ?? { user: c.user, count: 0, first: i };
    entry.count++;
    counts.set(key, entry);
  });
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  return ranked[0]?.user ?? null;
}

export function findGithubUsername(input: UsernameInput): string | null {
  const fromLinks = input.links.map(usernameFromUrl).filter((c): c is UrlCandidate => c !== null);
  const fromText = urlCandidatesInText(input.text);
  const firstOf = (list: UrlCandidate[], kinds: Kind[]) => list.find((c) => kinds.includes(c.kind))?.user;

  const linkProfile = firstOf(fromLinks, ["profile"]);
  if (linkProfile) return linkProfile;
  const textProfile = firstOf(fromText, ["profile"]);
  if (textProfile) return textProfile;

  const parsed = parsedUsername(input.parsedGithub);
  if (parsed && appearsIn(parsed, `${input.links.join("\n")}\n${input.text}`)) return parsed;

  const label = labelledUsernames(input.text)[0];
  if (label) return label;

  const personal = firstOf(fromLinks, ["gist", "pages"]) ?? firstOf(fromText, ["gist", "pages"]);
  if (personal) return personal;

  const locals = emailLocalParts([input.text, ...input.links]);
  const tiedToCandidate = [...fromLinks, ...fromText].filter(
    (c) => c.kind === "repo" && (c.labelled || ownerMatchesEmail(c.user, locals)),
  );
  return mostFrequentOwner(tiedToCandidate);
}

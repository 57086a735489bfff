// The skills taxonomy: canonical skills with aliases, categories and stand-in relations, loaded once
// from the JSON shipped in ./catalog. Everything that compares skills goes through canonical ids, never
// raw substrings, so "Java" never matches "JavaScript" and "k8s" is Kubernetes.
import { readFileSync } from "node:fs";

export interface SkillRef {
  id: string;
  name: string;
  category: string;
}

export interface SkillMention {
  id: string;
  name: string;
  /** The text as written. */
  match: string;
  /** Offset of `match` in the searched text (UTF-16 units). */
  index: number;
}

interface SkillRecord extends SkillRef {
  aliases: string[];
}

type CategoryFile = Record<string, Record<string, string[]>>;

interface TextRules {
  case_sensitive: string[];
  text_excluded: string[];
}

interface RelatedFile {
  groups: string[][];
}

interface ImpliesFile {
  implies: Record<string, string[]>;
}

interface FamiliesFile {
  families: Record<string, string[]>;
}

/** Data files, in load order; the first definition of an alias wins. */
const SKILL_FILES = [
  "skills-core.json",
  "skills-data.json",
  "skills-infra.json",
  "skills-other.json",
  "skills-professional.json",
];

/** Reads a shipped data file; a missing or malformed file is a packaging error and throws. */
function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(new URL(`./catalog/${file}`, import.meta.url), "utf8")) as T;
}

/** Stable id from a display name: "C++" → cpp, "C#" → csharp, ".NET" → dotnet, "Node.js" → node-js. */
export function skillIdFromName(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+/g, "p")
    .replace(/#/g, "sharp")
    .replace(/^\./, "dot")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Key for whole-string lookup: case, spacing, hyphens and underscores are not significant. */
export function normalizeSkillKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[\s_-]+/g, " ")
    .replace(/^[\s,;:()[\]{}"'*•·|]+|[\s,;:()[\]{}"'*•·|]+$/g, "")
    .replace(/\.$/, "");
}

// ---------------------------------------------------------------------------------------------
// Loading

interface TrieTerminal {
  id: string;
  /** Exact spelling required in running text, or null when any capitalisation matches. */
  exact: string | null;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  terminals: TrieTerminal[] | null;
}

interface Taxonomy {
  byId: Map<string, SkillRecord>;
  byKey: Map<string, string>;
  related: Map<string, Set<string>>;
  implies: Map<string, string[]>;
  trie: TrieNode;
  problems: string[];
}

const SPACE = 32;

function newNode(): TrieNode {
  return { next: new Map(), terminals: null };
}

function foldAscii(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

function isSeparator(code: number): boolean {
  // space, tab, newline, CR, hyphen, underscore, no-break space, en/em dashes
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 45 ||
    code === 95 ||
    code === 160 ||
    (code >= 0x2010 && code <= 0x2015)
  );
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    (code >= 0xc0 && code <= 0x24f)
  );
}

function insertAlias(trie: TrieNode, alias: string, terminal: TrieTerminal): void {
  let node = trie;
  let lastWasSeparator = false;
  for (let i = 0; i < alias.length; i++) {
    const code = alias.charCodeAt(i);
    let key: number;
    if (isSeparator(code)) {
      if (lastWasSeparator) continue;
      lastWasSeparator = true;
      key = SPACE;
    } else {
      lastWasSeparator = false;
      key = foldAscii(code);
    }
    let child = node.next.get(key);
    if (!child) {
      child = newNode();
      node.next.set(key, child);
    }
    node = child;
  }
  if (!node.terminals) node.terminals = [];
  if (!node.terminals.some((t) => t.id === terminal.id && t.exact === terminal.exact)) {
    node.terminals.push(terminal);
  }
}

function isCaseSensitiveByRule(alias: string, skillName: string): boolean {
  if (alias.replace(/[^A-Za-z0-9]/g, "").length <= 2) return true;
  return alias !== skillName && /^[A-Z]{2,4}$/.test(alias);
}

function loadTaxonomy(): Taxonomy {
  const byId = new Map<string, SkillRecord>();
  const byKey = new Map<string, string>();
  const problems: string[] = [];
  for (const file of SKILL_FILES) {
    const data = readJson<CategoryFile>(file);
    for (const [category, skills] of Object.entries(data)) {
      if (category.startsWith("_")) continue;
      for (const [name, aliases] of Object.entries(skills)) {
        const id = skillIdFromName(name);
        if (byId.has(id)) {
          problems.push(`duplicate skill id ${id} (${name}) in ${file}`);
          continue;
        }
        byId.set(id, { id, name, category, aliases });
        for (const alias of [name, ...aliases]) {
          const key = normalizeSkillKey(alias);
          const owner = byKey.get(key);
          if (owner && owner !== id) problems.push(`alias "${alias}" of ${id} already names ${owner}`);
          else byKey.set(key, id);
        }
      }
    }
  }

  const rules = readJson<TextRules>("text-rules.json");
  const caseSensitive = new Set(rules.case_sensitive);
  const excluded = new Set(rules.text_excluded);
  const trie = newNode();
  for (const skill of byId.values()) {
    for (const alias of [skill.name, ...skill.aliases]) {
      // An alias claimed by another skill stays out of the text index too.
      if (byKey.get(normalizeSkillKey(alias)) !== skill.id) continue;
      if (excluded.has(alias)) continue;
      const exact = caseSensitive.has(alias) || isCaseSensitiveByRule(alias, skill.name) ? alias : null;
      insertAlias(trie, alias, { id: skill.id, exact });
    }
  }

  const related = new Map<string, Set<string>>();
  const relatedData = readJson<RelatedFile>("related.json");
  for (const group of relatedData.groups) {
    const ids: string[] = [];
    for (const member of group) {
      const id = byKey.get(normalizeSkillKey(member));
      if (id) ids.push(id);
      else problems.push(`related group member "${member}" is not a known skill`);
    }
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        let set = related.get(a);
        if (!set) {
          set = new Set();
          related.set(a, set);
        }
        set.add(b);
      }
    }
  }
  const implies = new Map<string, string[]>();
  const impliesData = readJson<ImpliesFile>("implies.json");
  for (const [from, targets] of Object.entries(impliesData.implies)) {
    const fromId = byKey.get(normalizeSkillKey(from));
    if (!fromId) {
      problems.push(`implies key "${from}" is not a known skill`);
      continue;
    }
    const ids: string[] = [];
    for (const target of targets) {
      const id = byKey.get(normalizeSkillKey(target));
      if (id) ids.push(id);
      else problems.push(`implied skill "${target}" is not a known skill`);
    }
    implies.set(fromId, ids);
  }
  // A family's specific skill implies its general skill (AWS → Cloud computing).
  const familiesData = readJson<FamiliesFile>("families.json");
  for (const [general, members] of Object.entries(familiesData.families)) {
    const generalId = byKey.get(normalizeSkillKey(general));
    if (!generalId) {
      problems.push(`family "${general}" is not a known skill`);
      continue;
    }
    for (const member of members) {
      const id = byKey.get(normalizeSkillKey(member));
      if (!id) problems.push(`family member "${member}" is not a known skill`);
      else if (id === generalId) problems.push(`"${member}" is its own family ${general}`);
      else {
        const list: string[] = implies.get(id) ?? [];
        if (!list.includes(generalId)) list.push(generalId);
        implies.set(id, list);
      }
    }
  }
  return { byId, byKey, related, implies, trie, problems };
}

let cached: Taxonomy | null = null;
function taxonomy(): Taxonomy {
  cached ??= loadTaxonomy();
  return cached;
}

// ---------------------------------------------------------------------------------------------
// Whole-string lookup

const VERSION_SUFFIX = /\s*\(?v?\d+(\.\d+)*(\.x)?\+?\)?$/;
const GENERIC_SUFFIX = /\s+(programming|language|framework|development|scripting|library|platform)$/;

function toRef(record: SkillRecord | undefined): SkillRef | null {
  return record ? { id: record.id, name: record.name, category: record.category } : null;
}

/** Resolves a skill as written (e.g. an item of a skills list) to its canonical skill, alias-aware. */
export function lookupSkill(name: string): SkillRef | null {
  const t = taxonomy();
  let key = normalizeSkillKey(name);
  if (!key) return null;
  const direct = t.byKey.get(key);
  if (direct) return toRef(t.byId.get(direct));
  // Fall back through progressively looser spellings: "Python 3.11", "React (Hooks)", "Go programming".
  const candidates: string[] = [];
  key = normalizeSkillKey(name.replace(/\([^)]*\)/g, " "));
  candidates.push(key);
  const unversioned = key.replace(VERSION_SUFFIX, "").trim();
  candidates.push(unversioned);
  candidates.push(unversioned.replace(GENERIC_SUFFIX, "").trim());
  for (const candidate of candidates) {
    if (!candidate) continue;
    const id = t.byKey.get(candidate);
    if (id) return toRef(t.byId.get(id));
  }
  return null;
}

export function getSkill(id: string): SkillRef | null {
  return toRef(taxonomy().byId.get(id));
}

/** Aliases (including the display name) of a skill; empty for an unknown id. */
export function skillAliases(id: string): string[] {
  const record = taxonomy().byId.get(id);
  return record ? [record.name, ...record.aliases] : [];
}

export function allSkills(): SkillRef[] {
  return [...taxonomy().byId.values()].map((r) => ({ id: r.id, name: r.name, category: r.category }));
}

/** Inconsistencies in the shipped data (duplicate aliases, dangling related names); empty when sound. */
export function taxonomyProblems(): string[] {
  return [...taxonomy().problems];
}

/** Skills that can stand in for `id` (Kubernetes ↔ Docker Swarm / Amazon ECS / Nomad), sorted. */
export function relatedSkills(id: string): string[] {
  const set = taxonomy().related.get(id);
  return set ? [...set].sort() : [];
}

/**
 * Skills whose working knowledge using `id` implies, followed transitively (Next.js → React → JavaScript).
 * Sorted; excludes `id` itself.
 */
export function impliedSkills(id: string): string[] {
  const t = taxonomy();
  const out = new Set<string>();
  const stack = [...(t.implies.get(id) ?? [])];
  // Bounded by the number of skills: each id is expanded once.
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (next === id || out.has(next)) continue;
    out.add(next);
    stack.push(...(t.implies.get(next) ?? []));
  }
  return [...out].sort();
}

// ---------------------------------------------------------------------------------------------
// Running text

/**
 * True when the character before `start` allows a skill to begin there: not inside a word, and not
 * right after "+", "#" or a dot that joins words ("foo.NET").
 */
function startsToken(text: string, start: number): boolean {
  if (start === 0) return true;
  const prev = text.charCodeAt(start - 1);
  if (isWordChar(prev)) return false;
  // 43 '+', 35 '#', 64 '@'
  if (prev === 43 || prev === 35 || prev === 64) return false;
  if (prev === 46 && start >= 2 && isWordChar(text.charCodeAt(start - 2))) return false;
  return true;
}

/** True when a skill may end right before `end`. */
function endsToken(text: string, end: number, alias: string | null): boolean {
  if (end >= text.length) return true;
  const next = text.charCodeAt(end);
  if (isWordChar(next)) return false;
  // "C" inside "C++" / "C#", "Java" before ".util"
  if (next === 43 || next === 35) return false;
  if (next === 46 && end + 1 < text.length && isWordChar(text.charCodeAt(end + 1))) return false;
  // Short exact-case aliases are easily parts of other tokens: "R&D", "C-level", "Q&A", "R's".
  if (alias !== null && alias.length <= 2) {
    if (next === 38 || next === 39 || next === 8217 || next === 45 || next === 47 || next === 64) {
      // ...except "C/C++"-style lists
      if (next === 47 && end + 1 < text.length && text.charCodeAt(end + 1) !== 32) return true;
      return false;
    }
  }
  return true;
}

function shortAliasContextOk(text: string, start: number, alias: string): boolean {
  if (alias.length > 2 || start === 0) return true;
  const prev = text.charCodeAt(start - 1);
  // "R&D", "Q&A", "-C", "'s"
  return !(prev === 38 || prev === 45 || prev === 39 || prev === 8217 || prev === 46);
}

/**
 * Finds skills mentioned in free text by walking a character trie of aliases from each token start,
 * keeping the longest match that ends on a token boundary. Occurrences are returned in text order.
 */
export function findSkillsInText(text: string): SkillMention[] {
  const t = taxonomy();
  const found: SkillMention[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!startsToken(text, i) || isSeparator(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let node: TrieNode | undefined = t.trie;
    let j = i;
    let best: { id: string; end: number } | null = null;
    while (j < n && node) {
      const code = text.charCodeAt(j);
      if (isSeparator(code)) {
        node = node.next.get(SPACE);
        while (j < n && isSeparator(text.charCodeAt(j))) j++;
      } else {
        node = node.next.get(foldAscii(code));
        j++;
      }
      if (node?.terminals) {
        const end = j;
        const raw = text.slice(i, end);
        for (const terminal of node.terminals) {
          if (terminal.exact !== null && raw !== terminal.exact) continue;
          if (!endsToken(text, end, terminal.exact)) continue;
          if (terminal.exact !== null && !shortAliasContextOk(text, i, terminal.exact)) continue;
          best = { id: terminal.id, end };
          break;
        }
      }
    }
    if (best) {
      const record = t.byId.get(best.id)!;
      found.push({ id: record.id, name: record.name, match: text.slice(i, best.end), index: i });
      i = best.end;
    } else {
      i++;
    }
  }
  return found;
}

// Relevance of a GitHub profile to a JD: which required skills the profile's languages and repository
// topics give evidence for, resolved through the skills taxonomy (canonical ids, aliases, implications),
// so "nodejs" counts for Node.js and TypeScript counts for JavaScript, but Java never for JavaScript.
import { getSkill, impliedSkills, lookupSkill, normalizeSkillKey } from "../skills/taxonomy.ts";

/** Linguist names whose skill is not the name itself. */
const LANGUAGE_SKILLS: Record<string, string[]> = {
  PLpgSQL: ["PostgreSQL"],
  // Almost all HCL on GitHub is Terraform configuration.
  HCL: ["HCL", "Terraform"],
};

/** A language counts as evidence from this share of code bytes, or as the main language of this many repos. */
export const MIN_LANGUAGE_SHARE = 0.05;
export const MIN_LANGUAGE_REPOS = 2;

export interface RelevanceInput {
  top_languages: Array<{ language: string; share: number; repos: number }>;
  top_topics: Array<{ topic: string; repos: number }>;
}

export interface SkillEvidence {
  /** The required skill as the JD names it. */
  skill: string;
  /** Why it matched, without a source prefix ("TypeScript is 62% of code …"). */
  evidence: string;
}

export interface Relevance {
  matched: SkillEvidence[];
  /** Distinct required skills considered. */
  required: number;
  /** 0–100: share of required skills matched. */
  score: number;
}

interface Signal {
  label: string;
  ids: Set<string>;
  implied: Set<string>;
  key: string;
  text: string;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function repositories(n: number): string {
  return `${n} ${n === 1 ? "repository" : "repositories"}`;
}

function signalFor(label: string, names: string[], text: string): Signal {
  const ids = new Set(names.map((n) => lookupSkill(n)?.id).filter((id): id is string => !!id));
  const implied = new Set([...ids].flatMap((id) => impliedSkills(id)));
  return { label, ids, implied, key: normalizeSkillKey(label), text };
}

function languageText(l: RelevanceInput["top_languages"][number]): string {
  const parts: string[] = [];
  if (l.share > 0) parts.push(`${percent(l.share)} of code in the sampled repositories`);
  if (l.repos > 0) parts.push(`main language of ${repositories(l.repos)}`);
  return `${l.language}: ${parts.join(", ")}`;
}

function signals(input: RelevanceInput): Signal[] {
  const languages = input.top_languages
    .filter((l) => l.share >= MIN_LANGUAGE_SHARE || l.repos >= MIN_LANGUAGE_REPOS)
    .map((l) => signalFor(l.language, LANGUAGE_SKILLS[l.language] ?? [l.language], languageText(l)));
  const topics = input.top_topics.map((t) =>
    signalFor(t.topic, [t.topic], `topic "${t.topic}" on ${repositories(t.repos)}`),
  );
  return [...languages, ...topics];
}

/** Evidence for one required skill: direct mentions first, then skills that imply it. */
function evidenceFor(skill: string, all: Signal[]): string | null {
  const ref = lookupSkill(skill);
  if (!ref) {
    const key = normalizeSkillKey(skill);
    const same = all.filter((s) => s.key === key);
    return same.length > 0 ? same.map((s) => s.text).join("; ") : null;
  }
  const direct = all.filter((s) => s.ids.has(ref.id));
  if (direct.length > 0)
    return direct
      .slice(0, 2)
      .map((s) => s.text)
      .join("; ");
  const implying = all.filter((s) => s.implied.has(ref.id));
  if (implying.length > 0) {
    const name = getSkill(ref.id)?.name ?? skill;
    return implying
      .slice(0, 2)
      .map((s) => `${s.text} (${s.label} implies ${name})`)
      .join("; ");
  }
  return null;
}

export function computeRelevance(input: RelevanceInput, requiredSkills: string[]): Relevance {
  const all = signals(input);
  // The same skill named twice ("JS", "JavaScript") is one requirement.
  const seen = new Set<string>();
  const distinct = requiredSkills.filter((s) => {
    const key = lookupSkill(s)?.id ?? `raw:${normalizeSkillKey(s)}`;
    if (!normalizeSkillKey(s) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const matched: SkillEvidence[] = [];
  for (const skill of distinct) {
    const evidence = evidenceFor(skill, all);
    if (evidence) matched.push({ skill, evidence });
  }
  const score = distinct.length === 0 ? 0 : Math.round((100 * matched.length) / distinct.length);
  return { matched, required: distinct.length, score };
}

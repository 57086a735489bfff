// Relevance of a GitHub profile to a JD: which required skills the profile's languages and repository
// topics give evidence for, resolved through the skills taxonomy (canonical ids, aliases, implications),
// so "nodejs" counts for Node.js and TypeScript counts for JavaScript, but Java never for JavaScript.
// A requirement with alternatives ("Python or Go") is met by evidence for any one of its skills.
import { requirementLabel, requirementOptions } from "../matching/jd-schema.ts";
import { getSkill, impliedSkills, lookupSkill, normalizeSkillKey } from "../skills/taxonomy.ts";
import type { SkillRequirement } from "./types.ts";

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
  /** The required skill as the JD names it: for a requirement with alternatives, the one that matched. */
  skill: string;
  /** Why it matched, without a source prefix ("TypeScript is 62% of code …"). */
  evidence: string;
  /** The requirement an alternative met ("Python or Go"); absent when the requirement's own skill matched. */
  requirement?: string;
}

export interface Relevance {
  matched: SkillEvidence[];
  /** Distinct requirements considered (a requirement with alternatives counts once). */
  required: number;
  /** 0–100: share of requirements matched. */
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

interface Found {
  text: string;
  /** Named by the signal itself, not only implied by it. */
  direct: boolean;
}

/** Evidence for one required skill: direct mentions first, then skills that imply it. */
function evidenceFor(skill: string, all: Signal[]): Found | null {
  const ref = lookupSkill(skill);
  if (!ref) {
    const key = normalizeSkillKey(skill);
    const same = all.filter((s) => s.key === key);
    return same.length > 0 ? { text: same.map((s) => s.text).join("; "), direct: true } : null;
  }
  const direct = all.filter((s) => s.ids.has(ref.id));
  if (direct.length > 0)
    return {
      text: direct
        .slice(0, 2)
        .map((s) => s.text)
        .join("; "),
      direct: true,
    };
  const implying = all.filter((s) => s.implied.has(ref.id));
  if (implying.length > 0) {
    const name = getSkill(ref.id)?.name ?? skill;
    return {
      text: implying
        .slice(0, 2)
        .map((s) => `${s.text} (${s.label} implies ${name})`)
        .join("; "),
      direct: false,
    };
  }
  return null;
}

function skillKey(skill: string): string {
  return lookupSkill(skill)?.id ?? `raw:${normalizeSkillKey(skill)}`;
}

interface Group {
  /** The requirement's skills, its own first, each once; none blank. */
  options: string[];
  label: string;
}

/**
 * The distinct requirements: blank names dropped, a skill named twice within a requirement kept once,
 * and the same requirement named twice ("JS" and "JavaScript", or "Python or Go" and "Go or Python")
 * counted once.
 */
function distinctGroups(requirements: readonly SkillRequirement[]): Group[] {
  const seen = new Set<string>();
  const groups: Group[] = [];
  for (const r of requirements) {
    const keys = new Set<string>();
    const options: string[] = [];
    for (const skill of requirementOptions(r)) {
      const key = skillKey(skill);
      if (!normalizeSkillKey(skill) || keys.has(key)) continue;
      keys.add(key);
      options.push(skill);
    }
    if (options.length === 0) continue;
    const groupKey = [...keys].sort().join("|");
    if (seen.has(groupKey)) continue;
    seen.add(groupKey);
    groups.push({ options, label: requirementLabel(r) });
  }
  return groups;
}

/** A matched skill as a list names it: "Go (for Python or Go)" when an alternative met the requirement. */
export function matchedSkillName(m: SkillEvidence): string {
  return m.requirement ? `${m.skill} (for ${m.requirement})` : m.skill;
}

export function computeRelevance(
  input: RelevanceInput,
  requirements: readonly SkillRequirement[],
): Relevance {
  const all = signals(input);
  const groups = distinctGroups(requirements);
  const matched: SkillEvidence[] = [];
  for (const group of groups) {
    // The first skill named directly, else the first one implied; the requirement's own skill first.
    let best: { skill: string; found: Found } | null = null;
    for (const skill of group.options) {
      const found = evidenceFor(skill, all);
      if (found && (!best || (found.direct && !best.found.direct))) best = { skill, found };
      if (best?.found.direct) break;
    }
    if (!best) continue;
    const [own] = group.options;
    if (best.skill === own) matched.push({ skill: best.skill, evidence: best.found.text });
    else
      matched.push({
        skill: best.skill,
        evidence: `${best.found.text} (meets the requirement "${group.label}")`,
        requirement: group.label,
      });
  }
  const score = groups.length === 0 ? 0 : Math.round((100 * matched.length) / groups.length);
  return { matched, required: groups.length, score };
}

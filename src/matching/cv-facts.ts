// Facts the matcher reads off a parsed CV: dated roles with the skills each mentions, the CV lines that
// mention each skill, experience totals and gaps. Computed once per CV, then compared with any JD.
import type { ParsedCv } from "../parsing/schema.ts";
import { isHeadcountMention } from "../skills/headcount.ts";
import { isOrganisationMention } from "../skills/org-names.ts";
import {
  findSkillsInText,
  impliedSkills,
  lookupSkill,
  normalizeSkillKey,
  type SkillMention,
} from "../skills/taxonomy.ts";

export interface RoleFacts {
  title: string | null;
  company: string | null;
  /** Month index (year*12 + month-1) of the first month, null when undated. */
  start: number | null;
  /** Month index one past the last month (exclusive). */
  end: number | null;
  isCurrent: boolean;
  /** "Present", or the end date as printed in the parse. */
  endLabel: string | null;
  skills: Set<string>;
  /** A one-line description of the role to quote as evidence. */
  line: string;
}

export interface CvFacts {
  roles: RoleFacts[];
  /** Canonical id → forms written in the CV (for exact vs alias). */
  written: Map<string, Set<string>>;
  /** Canonical id → ids found that imply it (React → JavaScript). */
  impliedBy: Map<string, Set<string>>;
  /** Canonical id → CV lines mentioning it. */
  evidence: Map<string, string[]>;
  /** Years stated in the skills section, when the parse has them. */
  statedYears: Map<string, { years: number | null; lastUsed: string | null }>;
  totalYears: number | null;
  /** Dated study periods [start, end) in month indexes: time at school is not a gap. */
  studies: Array<[number, number]>;
  lines: string[];
  nowIndex: number;
}

const MAX_EVIDENCE = 3;
const MAX_LINE = 200;

function quote(line: string): string {
  const t = line.replace(/\s+/g, " ").trim();
  return t.length > MAX_LINE ? `${t.slice(0, MAX_LINE - 1)}…` : t;
}

export function monthIndex(date: string, edge: "start" | "end"): number {
  const year = Number(date.slice(0, 4));
  if (date.length >= 7) {
    const month = Number(date.slice(5, 7)) - 1;
    return year * 12 + month + (edge === "end" ? 1 : 0);
  }
  // A year alone counts as mid-year, as the corpus ground truth does.
  return year * 12 + 6;
}

export function formatMonth(index: number): string {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** Total length in months of the union of [start, end) intervals. */
export function unionMonths(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let total = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const [s, e] of sorted) {
    if (s > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) curEnd = e;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

/**
 * Skills the text credits to the writer: team-composition counts ("3 dev, 1 devops") name colleagues,
 * and organisation names ("The Linux Foundation") name issuers or employers.
 */
function ownSkillMentions(text: string): SkillMention[] {
  return findSkillsInText(text).filter(
    (m) => !isHeadcountMention(text, m) && !isOrganisationMention(text, m),
  );
}

function roleFacts(role: ParsedCv["experience"][number], nowIndex: number): RoleFacts {
  const start = role.start_date ? monthIndex(role.start_date, "start") : null;
  let end: number | null = null;
  let endLabel: string | null = null;
  if (role.is_current) {
    end = nowIndex + 1;
    endLabel = "Present";
  } else if (role.end_date) {
    end = monthIndex(role.end_date, "end");
    endLabel = role.end_date;
  }
  const skills = new Set<string>();
  const text = [role.title, role.description, ...role.highlights].filter(Boolean).join("\n");
  for (const m of ownSkillMentions(text)) skills.add(m.id);
  for (const name of role.skills) {
    const ref = lookupSkill(name);
    if (ref) skills.add(ref.id);
  }
  const dates = `${role.start_date ?? "?"} – ${endLabel ?? "?"}`;
  const line = quote(`${[role.title, role.company].filter(Boolean).join(" at ")} (${dates})`);
  return {
    title: role.title,
    company: role.company,
    start,
    end,
    isCurrent: role.is_current,
    endLabel,
    skills,
    line,
  };
}

export function extractCvFacts(parsed: ParsedCv, cvText: string, now: Date): CvFacts {
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const roles = parsed.experience.map((r) => roleFacts(r, nowIndex));
  const written = new Map<string, Set<string>>();
  const evidence = new Map<string, string[]>();
  const statedYears = new Map<string, { years: number | null; lastUsed: string | null }>();

  const lines = cvText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const addEvidence = (id: string, line: string) => {
    let list = evidence.get(id);
    if (!list) {
      list = [];
      evidence.set(id, list);
    }
    const q = quote(line);
    if (list.length < MAX_EVIDENCE && !list.includes(q)) list.push(q);
  };
  for (const line of lines) {
    for (const m of ownSkillMentions(line)) {
      addTo(written, m.id, normalizeSkillKey(m.match));
      addEvidence(m.id, line);
    }
  }
  // The parse may hold what the text layer lost (or the text may be empty): read it too.
  const parsedTexts = [
    parsed.summary,
    parsed.current_role,
    ...parsed.experience.flatMap((r) => [r.title, r.description, ...r.highlights]),
    ...parsed.projects.flatMap((p) => [p.name, p.description]),
    ...parsed.certifications,
  ];
  for (const text of parsedTexts) {
    if (!text) continue;
    for (const m of ownSkillMentions(text)) {
      addTo(written, m.id, normalizeSkillKey(m.match));
      if (!evidence.has(m.id)) addEvidence(m.id, text);
    }
  }
  for (const skill of parsed.skills) {
    const id = skill.canonical ?? lookupSkill(skill.name)?.id;
    if (!id) continue;
    addTo(written, id, normalizeSkillKey(skill.name));
    if (!evidence.has(id)) addEvidence(id, `Skills: ${skill.name}`);
    if (skill.years !== null || skill.last_used !== null) {
      statedYears.set(id, { years: skill.years, lastUsed: skill.last_used });
    }
  }
  for (const name of parsed.experience.flatMap((r) => r.skills)) {
    const id = lookupSkill(name)?.id;
    if (!id) continue;
    addTo(written, id, normalizeSkillKey(name));
    if (!evidence.has(id)) addEvidence(id, `Skills: ${name}`);
  }

  const impliedBy = new Map<string, Set<string>>();
  for (const id of written.keys()) for (const implied of impliedSkills(id)) addTo(impliedBy, implied, id);

  const dated = roles
    .filter((r) => r.start !== null && r.end !== null)
    .map((r) => [r.start!, r.end!] as [number, number]);
  const computedYears = dated.length > 0 ? Math.round((unionMonths(dated) / 12) * 10) / 10 : null;
  const totalYears = parsed.total_experience_years ?? computedYears;

  const studies = parsed.education
    .filter((e) => e.start_date && e.end_date)
    .map((e) => [monthIndex(e.start_date!, "start"), monthIndex(e.end_date!, "end")] as [number, number])
    .filter(([s, e]) => e > s);

  return { roles, written, impliedBy, evidence, statedYears, totalYears, studies, lines, nowIndex };
}

/** Years and last use of a skill from the dated roles that mention it (or imply it via `via`). */
export function skillTenure(
  facts: CvFacts,
  ids: string[],
): { years: number | null; lastUsed: string | null; roleLines: string[] } {
  const roles = facts.roles.filter((r) => ids.some((id) => r.skills.has(id)));
  const dated = roles.filter((r) => r.start !== null && r.end !== null);
  if (dated.length === 0) {
    for (const id of ids) {
      const stated = facts.statedYears.get(id);
      if (stated) return { years: stated.years, lastUsed: stated.lastUsed, roleLines: [] };
    }
    return { years: null, lastUsed: null, roleLines: roles.map((r) => r.line).slice(0, 2) };
  }
  const months = unionMonths(dated.map((r) => [r.start!, r.end!]));
  const latest = dated.reduce((a, b) => (b.end! > a.end! ? b : a));
  const lastUsed = latest.isCurrent ? "Present" : formatMonth(latest.end! - 1);
  return {
    years: Math.round((months / 12) * 10) / 10,
    lastUsed,
    roleLines: dated
      .sort((a, b) => b.end! - a.end!)
      .map((r) => r.line)
      .slice(0, 3),
  };
}

/** Parts of [from, to) not covered by any of `covers`, in order. */
function uncovered(from: number, to: number, covers: Array<[number, number]>): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let cursor = from;
  for (const [s, e] of [...covers].sort((a, b) => a[0] - b[0])) {
    if (e <= cursor || s >= to) continue;
    if (s > cursor) parts.push([cursor, s]);
    cursor = Math.max(cursor, e);
  }
  if (cursor < to) parts.push([cursor, to]);
  return parts;
}

/**
 * Gaps over `minMonths` between dated roles, oldest first. Months spent studying (dated education)
 * are explained, so only the uncovered stretches of a gap count.
 */
export function employmentGaps(facts: CvFacts, minMonths: number): Array<{ from: number; to: number }> {
  const intervals = facts.roles
    .filter((r) => r.start !== null && r.end !== null)
    .map((r) => [r.start!, r.end!] as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const gaps: Array<{ from: number; to: number }> = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const [s, e] of intervals) {
    if (reach !== Number.NEGATIVE_INFINITY && s - reach >= minMonths) {
      for (const [from, to] of uncovered(reach, s, facts.studies)) {
        if (to - from >= minMonths) gaps.push({ from, to });
      }
    }
    reach = Math.max(reach, e);
  }
  return gaps;
}

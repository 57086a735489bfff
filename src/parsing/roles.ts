// Job entries: title, employer and place from an entry's header lines, in either order
// ("Company / Title", "Title, Company – City", "Title at Company", "Company; City (FR)").

import { companyScore, isPlace, splitTrailingPlace, titleScore } from "./cues.ts";
import { formatCvDate } from "./dates.ts";
import type { Entry } from "./entries.ts";
import type { Experience } from "./schema.ts";

const SEPARATORS = [/\s+\|\s+/, /\s*;\s+/, /\s+[–—]\s+/, /\s+-\s+/, /\s+(?:at|@|chez|bei|em|en la|na)\s+/i];
const COMPANY_SUFFIX = /^(inc|ltd|llc|gmbh|co|corp|s\.?a|s\.?l|ag|plc|sarl|sas|bv|kg)\.?$/i;

/** Splits on the first separator kind present; commas only when nothing stronger is there. */
export function splitParts(text: string, allowComma: boolean): string[] {
  for (const sep of SEPARATORS) {
    const parts = text
      .split(sep)
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length >= 2) return parts;
  }
  if (!allowComma) return [text];
  const raw = splitOutsideParens(text, ",");
  // "Omnious Co., Ltd." keeps its legal suffix.
  const parts: string[] = [];
  for (const p of raw) {
    if (parts.length > 0 && COMPANY_SUFFIX.test(p)) parts[parts.length - 1] += `, ${p}`;
    else parts.push(p);
  }
  return parts;
}

export function splitOutsideParens(text: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    if (ch === sep && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** "Summer Intern Manager: xxx" → "Summer Intern": a label after the title is not the title. */
function cutTrailingLabel(text: string): string {
  return text.replace(/\s+[\p{L}]+\s*:\s.*$/u, "").trim();
}

function clean(text: string | null | undefined): string | null {
  const t = (text ?? "").replace(/^[\s,;:|–—-]+|[\s,;:|–—-]+$/g, "").trim();
  return t === "" ? null : t;
}

interface RoleFields {
  title: string | null;
  company: string | null;
  location: string | null;
}

export function roleFields(entry: Entry): RoleFields {
  let location: string | null = entry.rightTail;
  const lines = entry.headerTexts.slice(0, 3).map((t) => {
    const split = splitTrailingPlace(t);
    if (split.location && split.rest) {
      location ??= split.location;
      return split.rest;
    }
    return t;
  });
  // Lines that are only a place ("Seoul, S.Korea" on its own line) are the location.
  const units: string[] = [];
  for (const line of lines) {
    if (isPlace(line)) location ??= line;
    else units.push(line);
  }
  let parts: string[];
  if (units.length === 1) parts = splitParts(units[0] as string, true);
  else parts = units.slice(0, 2).flatMap((u) => splitParts(u, false));
  parts = parts.filter((p) => {
    if (parts.length > 2 && isPlace(p)) {
      location ??= p;
      return false;
    }
    return true;
  });
  if (parts.length === 0) return { title: null, company: null, location: clean(location) };
  if (parts.length === 1) {
    const only = parts[0] as string;
    return titleScore(only) >= companyScore(only)
      ? { title: clean(cutTrailingLabel(only)), company: null, location: clean(location) }
      : { title: null, company: clean(only), location: clean(location) };
  }
  const scored = parts.map((p, i) => ({ p, i, t: titleScore(p) - companyScore(p) }));
  // Ties ("Google DeepMind, Research Intern": research is also an employer word) go to the part
  // with more title words.
  const raw = (p: string) => titleScore(p);
  const bestTitle = [...scored].sort(
    (a, b) => b.t - a.t || raw(b.p) - raw(a.p) || a.i - b.i,
  )[0] as (typeof scored)[number];
  const rest = scored.filter((s) => s !== bestTitle);
  let title = bestTitle;
  let company = [...rest].sort((a, b) => a.t - b.t || a.i - b.i)[0] as (typeof scored)[number];
  if (bestTitle.t === company.t && units.length >= 2) {
    // No word tells them apart: the bold line is the employer, else the first line.
    const boldSecond = !entry.header[0]?.bold && entry.header[1]?.bold;
    const [a, b] = [scored[0], scored[1]] as [(typeof scored)[number], (typeof scored)[number]];
    [company, title] = boldSecond ? [b, a] : [a, b];
  }
  const leftover = scored.filter((s) => s !== title && s !== company);
  if (!location && leftover.length > 0)
    location = (leftover[leftover.length - 1] as (typeof scored)[number]).p;
  return { title: clean(cutTrailingLabel(title.p)), company: clean(company.p), location: clean(location) };
}

const PROJECT_WORDS = /\b(projects|projets|proyectos|projekte|projetos)\b/i;

/** Entries of an experience section that are projects ("Individual Projects"), not jobs. */
export function isProjectEntry(entry: Entry): boolean {
  return entry.headerTexts.slice(0, 2).some((t) => PROJECT_WORDS.test(t));
}

export function toExperience(entry: Entry, currentFromPlaceholder: boolean): Experience {
  const f = roleFields(entry);
  const r = entry.range;
  const description = entry.body
    .map((l) => l.text)
    .join("\n")
    .trim();
  return {
    title: f.title,
    company: f.company,
    location: f.location,
    start_date: formatCvDate(r?.start ?? null),
    end_date: r?.current ? null : formatCvDate(r?.end ?? null),
    is_current: r?.current ?? currentFromPlaceholder,
    description: description === "" ? null : description,
    highlights: entry.body.filter((l) => l.listItem).map((l) => l.text),
    skills: [],
  };
}

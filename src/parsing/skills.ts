// Skills lists: items split on commas, bullets and similar separators (not inside parentheses),
// "Label:" prefixes dropped, and space-separated tag rows ("HTML CSS Python") split when every piece
// is a known skill. Canonical ids come from the skills taxonomy.
import { lookupSkill } from "../skills/taxonomy.ts";
import type { SectionLine } from "../structure/types.ts";
import type { Skill } from "./schema.ts";

const ITEM_SEPARATORS = new Set([",", ";", "•", "·", "|", "▪", "◦", "●", "○", "■", "/", ">", "=", "\u2022"]);
const LABEL = /^\s*([\p{L}][\p{L}0-9 &/+.-]{0,40}?)\s*[:：]\s+/u;
const MAX_ITEM_WORDS = 6;

/** Items of one line, keeping "Spring(Boot, MVC)" and "Jasmine/Jest" together. */
export function splitItems(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === "(" || ch === "[") depth++;
    if (ch === ")" || ch === "]") depth = Math.max(0, depth - 1);
    const spaced = chars[i - 1] === " " || chars[i + 1] === " ";
    const isSep =
      depth === 0 &&
      ITEM_SEPARATORS.has(ch) &&
      (ch === "," || ch === ";" || ch === "•" || ch === "·" || ch === "|" || spaced || ch === "▪");
    if (isSep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map(tidy).filter((s) => s !== "" && s !== "…" && s !== "...");
}

function tidy(item: string): string {
  return (
    item
      // ", . Bootstrap": a stray mark before a space is punctuation (".NET" keeps its dot).
      .replace(/^[\s\-–—*+]+|^[.,;:]+\s+|[\s.,;:]+$/g, "")
      .replace(/\s{2,}/g, " ")
      .trim()
  );
}

/** "HTML CSS Python" → three skills, when each piece is a known skill (longest pieces first). */
export function splitTags(text: string): string[] | null {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length < 2 || words.length > 12) return null;
  const best: Array<string[] | null> = new Array(words.length + 1).fill(null);
  best[0] = [];
  for (let i = 0; i < words.length; i++) {
    const prefix = best[i];
    if (!prefix) continue;
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const piece = words.slice(i, i + len).join(" ");
      if (!lookupSkill(piece)) continue;
      const candidate = [...prefix, piece];
      const current = best[i + len];
      if (!current || candidate.length < current.length) best[i + len] = candidate;
    }
  }
  const result = best[words.length];
  return result && result.length >= 2 ? result : null;
}

/** A line that could name a group of skills: one short item, not a bullet, no "Label:" row. */
function headingLike(line: SectionLine): boolean {
  const text = line.text.trim();
  return (
    !line.listItem &&
    !LABEL.test(text) &&
    splitItems(text).length <= 1 &&
    text.split(/\s+/).length <= 5 &&
    !/[,;•·|]/.test(text) &&
    // "HTML CSS Python" is a tag row, not a heading.
    splitTags(text) === null
  );
}

/**
 * Group headings of a skills section ("Programming Languages", "DevOps and" + "tools" wrapped over two
 * lines) name categories, not skills: a run of heading-like lines followed by the group's bullets,
 * by more-indented lines, or (when the run is bold) by plain lines.
 */
export function dropGroupHeadings(lines: SectionLine[]): SectionLine[] {
  const out: SectionLine[] = [];
  let i = 0;
  while (i < lines.length) {
    let j = i;
    while (j < lines.length && headingLike(lines[j] as SectionLine) && j - i < 3) j++;
    const run = lines.slice(i, j);
    const next = lines[j];
    const first = run[0];
    const isHeading =
      first !== undefined &&
      next !== undefined &&
      (next.listItem || next.x > first.x + 10 || (run.every((l) => l.bold) && !next.bold));
    if (!isHeading) {
      out.push(lines[i] as SectionLine);
      i++;
      continue;
    }
    i = j;
  }
  return out;
}

export function skillItemsFromLines(lines: SectionLine[]): string[] {
  const items: string[] = [];
  for (const text of joinWrapped(dropGroupHeadings(lines))) {
    const body = text.replace(LABEL, "");
    const parts = splitItems(body);
    for (const part of parts) {
      if (parts.length === 1 && part.split(/\s+/).length > 1) {
        const tags = splitTags(part);
        if (tags) {
          items.push(...tags);
          continue;
        }
      }
      if (part.split(/\s+/).length <= MAX_ITEM_WORDS && /\p{L}/u.test(part)) items.push(part);
    }
  }
  return items;
}

/** Wrapped list lines ("Tech: A, B," + "C, D") are joined before splitting. */
function joinWrapped(lines: SectionLine[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const text = l.text.trim();
    const prev = out[out.length - 1];
    if (prev !== undefined && /[,;&]$/.test(prev)) out[out.length - 1] = `${prev} ${text}`;
    else out.push(text);
  }
  return out;
}

export function toSkills(names: string[]): Skill[] {
  const seen = new Set<string>();
  const out: Skill[] = [];
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const ref = lookupSkill(name);
    out.push({
      name,
      canonical: ref?.id ?? null,
      category: ref?.category ?? null,
      years: null,
      last_used: null,
    });
  }
  return out;
}

const SKILL_ROW =
  /^\s*(tech|techs|technologies|technology|tech stack|stack|skills|tools|fields|competences|compétences|competencias|kenntnisse|habilidades|outils|herramientas|tecnologias|tecnologías)\s*[:：]\s*(.+)$/i;

/** "Techs: Meteor, Git" rows printed in the header count as a skills list. */
export function skillRows(lines: SectionLine[]): string[] {
  const rows: SectionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as SectionLine;
    const m = l.text.match(SKILL_ROW);
    if (!m) continue;
    let text = m[2] as string;
    // Wrapped continuation lines are indented under the row's items.
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j] as SectionLine;
      if (next.block !== l.block || next.x <= l.x + 5 || /[:：]/.test(next.text)) break;
      text += ` ${next.text}`;
    }
    rows.push({ ...l, text: stripTrailingContact(text) });
  }
  return skillItemsFromLines(rows);
}

/** Header rows can carry a right-hand contact column on the same line ("… Git info@x.com"). */
function stripTrailingContact(text: string): string {
  return text.replace(/\s+(\S+@\S+|www\.\S+|https?:\S+|\+?\d[\d *()-]{6,})$/u, "");
}

// Structure analysis: finds section headings from their wording (five+ languages) and their looks
// (size, weight, capitals, a line of its own), splits the document into sections, infers the kind of
// unheaded blocks from their content, and detects the CV's language.
import type { ExtractedDocument } from "../extraction/types.ts";
import { isAllCaps } from "./fold.ts";
import { matchHeading } from "./headings.ts";
import { inferSectionKind } from "./infer.ts";
import { detectLanguage } from "./language.ts";
import { documentLines } from "./lines.ts";
import type { CvSection, CvStructure, SectionKind, SectionLine } from "./types.ts";

interface Candidate {
  index: number;
  kind: SectionKind;
  keyword: boolean;
  languages: string[];
}

const NOT_HEADING = /@|https?:|www\.|\d{3,}|[.,;]$/;

export function analyzeStructure(doc: ExtractedDocument): CvStructure {
  const { body, marginContacts } = documentLines(doc);
  const headings = findHeadings(body);
  const sections = buildSections(body, headings, marginContacts);
  const language = detectLanguage(doc.text, { headingVotes: headings.flatMap((h) => h.languages) });
  return { language, sections };
}

/** Body font size: the size carrying the most characters. */
export function bodyFontSize(lines: SectionLine[]): number {
  const weight = new Map<number, number>();
  for (const l of lines) {
    const size = Math.round(l.fontSize * 2) / 2;
    weight.set(size, (weight.get(size) ?? 0) + l.text.length);
  }
  let best = 10;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Strips icon glyphs and numbering that some templates put before a heading. */
export function headingText(text: string): string {
  return text
    .replace(/^[^\p{L}]+/u, "")
    .replace(/[\s:：]+$/u, "")
    .trim();
}

function isIsolated(lines: SectionLine[], i: number): boolean {
  const line = lines[i] as SectionLine;
  const prev = lines[i - 1];
  return !prev || prev.block !== line.block || prev.page !== line.page;
}

function styleKey(l: SectionLine): string {
  return `${Math.round(l.fontSize * 2) / 2}|${l.bold}|${isAllCaps(l.text)}`;
}

function findHeadings(lines: SectionLine[]): Candidate[] {
  const body = bodyFontSize(lines);
  const keyword: Candidate[] = [];
  // The largest print on the first page is the name, whatever it says ("Jan Küster Résumé").
  const firstPage = lines.filter((l) => l.page === lines[0]?.page);
  const nameSize = Math.max(...firstPage.map((l) => l.fontSize));
  const nameIndex = lines.findIndex((l) => l.fontSize === nameSize);
  lines.forEach((line, index) => {
    const text = headingText(line.text);
    if (text.length < 3 || text.length > 50 || wordCount(text) > 6 || NOT_HEADING.test(text)) return;
    const m = matchHeading(text);
    if (!m) return;
    if (index === nameIndex && index < 3 && nameSize > body * 1.3 && !m.pure) return;
    const styled = line.fontSize >= body * 1.12 || line.bold || isAllCaps(text);
    const isolated = isIsolated(lines, index);
    const ok = m.pure
      ? styled || isolated || wordCount(text) <= 3
      : styled && isolated && wordCount(text) <= 4;
    if (ok) keyword.push({ index, kind: m.kind, keyword: true, languages: m.languages });
  });
  if (keyword.length === 0) return [];
  // The dominant heading size: smaller keyword lines are sub-headings inside a section.
  const sizes = keyword.map((c) => (lines[c.index] as SectionLine).fontSize).sort((a, b) => a - b);
  const headingSize = mode(sizes.map((s) => Math.round(s * 2) / 2));
  const accepted = keyword.filter((c) => (lines[c.index] as SectionLine).fontSize >= headingSize - 0.6);
  // Unknown wording in the exact look of the recognised headings is a heading too ("Welcome to ...").
  const styles = new Map<string, number>();
  for (const c of accepted) {
    const key = styleKey(lines[c.index] as SectionLine);
    styles.set(key, (styles.get(key) ?? 0) + 1);
  }
  const taken = new Set(accepted.map((c) => c.index));
  const distinctive = (l: SectionLine) => l.fontSize >= body * 1.12 || isAllCaps(l.text);
  const firstHeading = Math.min(...accepted.map((c) => c.index));
  lines.forEach((line, index) => {
    if (taken.has(index) || index < firstHeading) return;
    const text = headingText(line.text);
    if (text.length < 3 || text.length > 50 || wordCount(text) > 6 || NOT_HEADING.test(text)) return;
    if ((styles.get(styleKey(line)) ?? 0) < 2 || !distinctive(line) || !isIsolated(lines, index)) return;
    if (/\d{4}/.test(text)) return;
    accepted.push({ index, kind: "other", keyword: false, languages: [] });
  });
  return accepted.sort((a, b) => a.index - b.index);
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0] ?? 0;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount || (c === bestCount && v > best)) [best, bestCount] = [v, c];
  return best;
}

function buildSections(
  lines: SectionLine[],
  headings: Candidate[],
  marginContacts: SectionLine[],
): CvSection[] {
  const firstHeading = headings[0]?.index ?? lines.length;
  const headerLines = lines.slice(0, firstHeading);
  const sections: CvSection[] = [];
  if (headings.length === 0) {
    sections.push(...sectionsWithoutHeadings(lines));
  } else {
    sections.push(...splitHeader(headerLines));
    headings.forEach((h, i) => {
      const end = headings[i + 1]?.index ?? lines.length;
      sections.push({
        kind: h.kind,
        heading: headingText((lines[h.index] as SectionLine).text),
        lines: lines.slice(h.index + 1, end),
      });
    });
  }
  if (marginContacts.length > 0) {
    const header = sections.find((s) => s.kind === "header");
    if (header) header.lines.push(...marginContacts);
    else sections.unshift({ kind: "header", heading: null, lines: [...marginContacts] });
  }
  return sections;
}

const PROSE_WORDS = 9;

/** The block before the first heading: name and contacts, sometimes a summary paragraph. */
function splitHeader(lines: SectionLine[]): CvSection[] {
  const header: SectionLine[] = [];
  const summary: SectionLine[] = [];
  for (const line of lines) {
    const prose = wordCount(line.text) >= PROSE_WORDS && !/@|https?:|www\.|\+?\d[\d ()-]{7,}/.test(line.text);
    const continues = summary.length > 0 && summary[summary.length - 1]?.block === line.block;
    if ((prose || continues) && header.length > 0 && !/^[\p{L} ]+:/u.test(line.text)) summary.push(line);
    else header.push(line);
  }
  const out: CvSection[] = [{ kind: "header", heading: null, lines: header }];
  if (summary.length > 0) out.push({ kind: "summary", heading: null, lines: summary });
  return out;
}

/** No headings at all: the first block is the header, later blocks are classified by content. */
function sectionsWithoutHeadings(lines: SectionLine[]): CvSection[] {
  const blocks: SectionLine[][] = [];
  for (const line of lines) {
    const last = blocks[blocks.length - 1];
    if (last && last[last.length - 1]?.block === line.block) last.push(line);
    else blocks.push([line]);
  }
  const [first, ...rest] = blocks;
  const sections: CvSection[] = first ? splitHeader(first) : [];
  for (const block of rest) {
    const kind = inferSectionKind(block);
    const prev = sections[sections.length - 1];
    if (prev && prev.kind === kind && prev.heading === null) prev.lines.push(...block);
    else sections.push({ kind, heading: null, lines: block });
  }
  return sections;
}

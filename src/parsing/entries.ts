// Splits an experience/education section into entries. An entry is a run of header lines (company,
// title, school, dates: short, not bullets) followed by description lines. Dates anchor the entries;
// when a run of header lines holds several dates, the header shape repeated before each date tells
// where one entry ends. Sections without dates split on the look of their first header line.
import type { SectionLine } from "../structure/types.ts";
import { type DateRange, findDateRanges, foldKeep, isOnlyDates } from "./dates.ts";

export interface Entry {
  header: SectionLine[];
  /** A word set apart at the right edge of a wide header line ("Employer        City"). */
  rightTail: string | null;
  body: SectionLine[];
  range: DateRange | null;
  /** Header text with the dates (and durations like "4 months") removed, one string per line. */
  headerTexts: string[];
}

const BULLET = /^\s*[•·▪►◦○●■□✓✔➢➤→*–—-]\s+|^\s*␣\s*/u;
const ABBREVIATION_END = /\b(inc|ltd|corp|co|llc|s\.?a|gmbh|jr|sr|st|dr|univ|dept|etc|mr|ms|no|vs)\.$/i;
const DURATION =
  /\(?\b\d+\s*(?:years?|yrs?|months?|mos?|ans?|mois|años?|meses|jahre?|monate?|anos?)\b(?:\s*(?:and\s+)?\d+\s*(?:months?|mos?|mois|meses|monate?))?\)?/gi;
const LEADER = /^(.*?)(?:\s*\.){4,}\s*$/;

interface Item {
  line: SectionLine;
  text: string;
  desc: boolean;
  range: DateRange | null;
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function signature(l: SectionLine): string {
  return `${l.bold}|${l.italic}|${Math.round(l.fontSize)}|${Math.round(l.x / 4)}`;
}

/** Dates printed in a margin column beside their entry are moved onto the entry's line. */
function attachMarginDates(lines: SectionLine[]): SectionLine[] {
  const out = [...lines];
  const onlyDates = out.map((l) => isOnlyDates(l.text));
  for (let i = 0; i < out.length; i++) {
    const d = out[i] as SectionLine;
    if (!onlyDates[i]) continue;
    const partner = out.findIndex(
      (l, j) =>
        j !== i &&
        l.page === d.page &&
        Math.abs(l.y - d.y) <= Math.max(2, d.fontSize * 0.4) &&
        (l.x > d.x + d.width || l.x + l.width < d.x) &&
        !onlyDates[j],
    );
    if (partner < 0 || Math.abs(partner - i) <= 1) continue;
    const p = out[partner] as SectionLine;
    const left = d.x < p.x;
    out[partner] = { ...p, text: left ? `${d.text} ${p.text}` : `${p.text} ${d.text}` };
    out.splice(i, 1);
    onlyDates.splice(i, 1);
    i--;
  }
  return out;
}

/** "June 17 - Backend …" followed by a line "Today": the range was broken over two lines. */
function joinBrokenRanges(lines: SectionLine[]): SectionLine[] {
  const out: SectionLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as SectionLine;
    const next = lines[i + 1];
    const m = line.text.match(/^(.{3,25}?)\s*[-–—]\s+(.+)$/);
    if (m && next && wordCount(next.text) <= 3) {
      const candidate = `${m[1]} - ${next.text}`;
      const r = findDateRanges(candidate)[0];
      if (r && isOnlyDates(candidate) && r.index === 0 && (r.current || r.end)) {
        out.push({ ...line, text: `${candidate} ${m[2]}` });
        i++;
        continue;
      }
    }
    out.push(line);
  }
  return out;
}

function isDescription(
  line: SectionLine,
  text: string,
  refX: number,
  range: DateRange | null,
  prev: Item | undefined,
): boolean {
  if (line.listItem || BULLET.test(line.text)) return true;
  if (range) return false;
  const words = wordCount(text);
  if (/[:：]$/.test(text)) return true;
  if (words >= 12 || text.length > 90) return true;
  if (/[.!]$/.test(text) && words >= 8 && !ABBREVIATION_END.test(text)) return true;
  // A lower-case line after a long line continues that sentence.
  if (/^[\p{Ll}]/u.test(text) && prev && wordCount(prev.text) >= 8) return true;
  if (line.x > refX + 10) return true;
  return false;
}

/** Prepares section lines: sub-heading leaders dropped, margin dates attached, broken ranges joined. */
function prepare(lines: SectionLine[]): SectionLine[] {
  const kept = lines.filter((l) => !LEADER.test(l.text));
  return joinBrokenRanges(attachMarginDates(kept));
}

/** Where header lines start: the left edge of dated lines, else the most common left edge. */
function referenceX(items: Item[]): number {
  const dated = items.filter((it) => it.range).map((it) => it.line.x);
  if (dated.length > 0) return Math.min(...dated);
  // Else the leftmost edge shared by at least two plain lines (one stray line does not count).
  const counts = new Map<number, number>();
  for (const it of items) {
    if (it.line.listItem || BULLET.test(it.line.text)) continue;
    const x = Math.round(it.line.x / 2) * 2;
    counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const shared = [...counts].filter(([, c]) => c >= 2).map(([x]) => x);
  if (shared.length > 0) return Math.min(...shared);
  return Math.min(...items.map((it) => it.line.x));
}

const EXPECTED = /(expected|anticipated|graduation|pr[ée]vu|prevista|voraussichtlich|previsto)\s*:?\s*$/i;

function headerRange(text: string): DateRange | null {
  const ranges = findDateRanges(text).filter((r) => !EXPECTED.test(text.slice(0, r.index)));
  // A lone year inside a longer line ("Top 5% of 2021") is not the entry's date; a range is.
  return (
    ranges.find(
      (r) =>
        r.end !== r.start || r.current || r.start?.month || isOnlyDates(text) || text.length - r.length < 60,
    ) ?? null
  );
}

export function splitEntries(sectionLines: SectionLine[]): Entry[] {
  const lines = prepare(sectionLines);
  if (lines.length === 0) return [];
  const items: Item[] = lines.map((line) => {
    const text = line.text.replace(BULLET, "").trim();
    const range = line.listItem || BULLET.test(line.text) ? null : headerRange(text);
    return { line, text, range, desc: false };
  });
  const refX = referenceX(items);
  items.forEach((it, i) => {
    it.desc = isDescription(it.line, it.text, refX, it.range, items[i - 1]);
  });
  const starts = entryStarts(items);
  const entries: Entry[] = [];
  starts.forEach((start, k) => {
    const end = starts[k + 1] ?? items.length;
    const slice = items.slice(start, end);
    let h = 0;
    while (h < slice.length && !(slice[h] as Item).desc) h++;
    const header = slice.slice(0, Math.max(h, 0));
    const body = slice.slice(h);
    entries.push(makeEntry(header, body));
  });
  return entries;
}

function entryStarts(items: Item[]): number[] {
  const groups: Array<[number, number]> = [];
  for (let i = 0; i < items.length; i++) {
    if ((items[i] as Item).desc) continue;
    let j = i;
    while (j + 1 < items.length && !(items[j + 1] as Item).desc) j++;
    groups.push([i, j]);
    i = j;
  }
  const dated = items.some((it) => !it.desc && it.range);
  const starts: number[] = [];
  const startSignatures = new Set<string>();
  if (dated) {
    for (const [a, b] of groups) {
      const dates: number[] = [];
      for (let i = a; i <= b; i++) {
        const r = (items[i] as Item).range as DateRange | null;
        if (!r) continue;
        dates.push(i);
      }
      if (dates.length === 0) continue;
      const headerLength =
        dates.length >= 2
          ? sharedHeaderLength(items, a, dates[0] as number, dates[1] as number)
          : alignedAbove(items, a, dates[0] as number);
      for (const [k, d] of dates.entries()) {
        // An entry's header never reaches back over the previous entry's date line.
        const s = Math.max(a, d - headerLength, k > 0 ? (dates[k - 1] as number) + 1 : a);
        if (!starts.includes(s)) starts.push(s);
        startSignatures.add(signature((items[s] as Item).line));
      }
    }
    const firstDated = Math.min(...starts);
    for (const [a, b] of groups) {
      const it = items[a] as Item;
      if (starts.some((s) => s >= a && s <= b)) continue;
      // Undated groups: a new entry when shaped like the dated ones or when nothing precedes them.
      if (startSignatures.has(signature(it.line)) || a < firstDated) starts.push(a);
    }
  } else {
    const first = groups[0];
    const firstSig = first ? signature((items[first[0]] as Item).line) : "";
    for (const [a, b] of groups) {
      const sig = signature((items[a] as Item).line);
      // Short undated lines in another look ("Description line 1") belong to the entry above.
      if (sig !== firstSig && starts.length > 0) continue;
      starts.push(a);
      for (let i = a + 1; i <= b; i++) {
        if (signature((items[i] as Item).line) === sig && signature((items[i - 1] as Item).line) !== sig)
          starts.push(i);
      }
    }
  }
  starts.sort((x, y) => x - y);
  // Lines before the first entry (stray labels) are dropped rather than made into an entry.
  return starts;
}

/** Header lines above a lone date line: those starting at the same left edge (at most three). */
function alignedAbove(items: Item[], groupStart: number, d: number): number {
  const x = Math.round((items[d] as Item).line.x / 4);
  let n = 0;
  while (d - n - 1 >= groupStart && n < 3 && Math.round((items[d - n - 1] as Item).line.x / 4) === x) n++;
  return n;
}

/** How many header lines precede each date: the shape repeated before the first two dates. */
function sharedHeaderLength(items: Item[], groupStart: number, d1: number, d2: number): number {
  const count = (sig: (l: SectionLine) => string) => {
    let n = 0;
    while (
      d1 - n - 1 >= groupStart &&
      d2 - n - 1 > d1 &&
      sig((items[d1 - n - 1] as Item).line) === sig((items[d2 - n - 1] as Item).line)
    ) {
      n++;
    }
    return n;
  };
  // Same look first; fonts are not always reported consistently, so fall back to the left edge.
  const strict = count(signature);
  return strict > 0
    ? strict
    : Math.min(
        count((l) => String(Math.round(l.x / 4))),
        3,
      );
}

const PLACEHOLDER_RANGE =
  /\b(?:year|a[ñn]o|ann[ée]e|jahr|mm\/yyyy|yyyy)\s*[-–—]+\s*(?:year|a[ñn]o|ann[ée]e|jahr|mm\/yyyy|yyyy|present)\b/gi;

/** A line set much wider than its text: something right-aligned sits apart at its end. */
function isWide(line: SectionLine): boolean {
  return line.width > 2.5 * line.text.length * 0.5 * line.fontSize;
}

function stripDates(text: string, range: DateRange | null): string {
  let t = text.replace(PLACEHOLDER_RANGE, " ");
  if (range) t = `${t.slice(0, range.index)} ${t.slice(range.index + range.length)}`;
  return t
    .replace(DURATION, " ")
    .replace(/\(\s*\)/g, " ")
    .replace(/\s{2,}/g, " ")
    .replace(/^[\s,;|–—-]+|[\s,;|–—-]+$/g, "")
    .trim();
}

function makeEntry(headerItems: Item[], bodyItems: Item[]): Entry {
  let range = headerItems.find((it) => it.range)?.range ?? null;
  let rangeItem = headerItems.find((it) => it.range) ?? null;
  const body = bodyItems.map((it) => ({ ...it.line, text: it.text }));
  if (!range) {
    // Some templates set the dates at the right end of the first bullet lines.
    for (const it of bodyItems.slice(0, 3)) {
      const r = findDateRanges(it.text).find((x) => x.index + x.length >= it.text.length - 12 && x.index > 0);
      if (r && (r.current || r.start?.month || r.end !== r.start)) {
        range = r;
        const idx = bodyItems.indexOf(it);
        (body[idx] as SectionLine).text = stripDates(it.text, r);
        break;
      }
    }
    rangeItem = null;
  }
  const headerTexts = headerItems
    .map((it) => stripDates(it.text, it === rangeItem ? range : null))
    .map((t) => t.replace(/^[zZ]\s+/, "").replace(/\s+\*\s+/g, " | "))
    .filter((t) => t !== "" && foldKeep(t).replace(/[^\p{L}]/gu, "") !== "");
  // Without gap positions from extraction, a wide undated first line with a one-word tail
  // ("Institution City") is read as name + right-aligned place.
  let rightTail: string | null = null;
  const first = headerItems[0];
  if (first && first !== rangeItem && isWide(first.line) && headerTexts[0] === first.text) {
    const m = first.text.match(/^(.+\S)\s+([\p{Lu}][\p{L}-]+)$/u);
    if (
      m &&
      !/,/.test(first.text) &&
      !/\b(inc|ltd|llc|gmbh|corp|university|college|school|company)\b/i.test(m[2] as string)
    ) {
      headerTexts[0] = m[1] as string;
      rightTail = m[2] as string;
    }
  }
  return { header: headerItems.map((it) => it.line), rightTail, body, range, headerTexts };
}

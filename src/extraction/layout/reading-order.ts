// Rebuild lines and blocks from positioned text runs, reading multi-column and sidebar layouts column by
// column. Works on one page at a time; used for PDF text layers and OCR output alike.
import { isBareMarker, isBrokenHyphenation, splitListMarker, tidyLine } from "../normalize.ts";
import type { TextBlock, TextLine } from "../types.ts";

/** One run of text at a known position (top-left origin, points). */
export interface Fragment {
  text: string;
  x: number;
  /** Baseline y. */
  baseline: number;
  width: number;
  fontSize: number;
  bold: boolean;
  italic: boolean;
}

/** Fragments on one baseline with no wide gap between them. */
interface Segment {
  frags: Fragment[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  baseline: number;
  fontSize: number;
}

interface OrderedLine {
  segs: Segment[];
  /** The line starts a new column: never joined to the previous line's block. */
  columnStart: boolean;
}

const MIN_GUTTER = 6;
const MAX_DEPTH = 6;

export function layoutPage(fragments: Fragment[], page: number): TextBlock[] {
  const usable = fragments.filter((f) => f.text.trim() !== "" && f.fontSize > 0);
  if (usable.length === 0) return [];
  const segments = buildSegments(usable);
  const ordered = orderRegion(segments, 0);
  return buildBlocks(ordered, page);
}

// --- segments ---------------------------------------------------------------------------------------

function buildSegments(frags: Fragment[]): Segment[] {
  const sorted = [...frags].sort((a, b) => a.baseline - b.baseline || a.x - b.x);
  const rows: Fragment[][] = [];
  let row: Fragment[] = [];
  let rowBase = Number.NaN;
  for (const f of sorted) {
    const tol = Math.max(1, 0.35 * f.fontSize);
    if (row.length > 0 && Math.abs(f.baseline - rowBase) <= tol) {
      row.push(f);
    } else {
      if (row.length > 0) rows.push(row);
      row = [f];
      rowBase = f.baseline;
    }
  }
  if (row.length > 0) rows.push(row);

  const segments: Segment[] = [];
  for (const r of rows) {
    r.sort((a, b) => a.x - b.x);
    let current: Fragment[] = [];
    for (const f of r) {
      const prev = current[current.length - 1];
      if (prev) {
        const gap = f.x - (prev.x + prev.width);
        const em = Math.max(prev.fontSize, f.fontSize);
        // A bullet glyph is often set a wide gap before its text: keep them together.
        const splitGap = isBareMarker(current.map((c) => c.text).join("")) ? 3 * em : Math.max(1.6 * em, 10);
        if (gap > splitGap) {
          segments.push(makeSegment(current));
          current = [];
        }
      }
      current.push(f);
    }
    if (current.length > 0) segments.push(makeSegment(current));
  }
  return segments;
}

function makeSegment(frags: Fragment[]): Segment {
  const x0 = Math.min(...frags.map((f) => f.x));
  const x1 = Math.max(...frags.map((f) => f.x + f.width));
  const fontSize = dominant(frags, (f) => Math.round(f.fontSize * 2) / 2);
  const baseline = dominant(frags, (f) => Math.round(f.baseline * 2) / 2);
  return {
    frags,
    x0,
    x1,
    top: Math.min(...frags.map((f) => f.baseline - 0.8 * f.fontSize)),
    bottom: Math.max(...frags.map((f) => f.baseline + 0.2 * f.fontSize)),
    baseline,
    fontSize,
  };
}

/** The value covering the most characters. */
function dominant<T>(frags: Fragment[], key: (f: Fragment) => T): T {
  const weights = new Map<T, number>();
  for (const f of frags) weights.set(key(f), (weights.get(key(f)) ?? 0) + f.text.length);
  let best = key(frags[0]!);
  let bestWeight = -1;
  for (const [k, w] of weights) {
    if (w > bestWeight) {
      best = k;
      bestWeight = w;
    }
  }
  return best;
}

// --- reading order ----------------------------------------------------------------------------------

type Interval = [number, number];

function orderRegion(segs: Segment[], depth: number): OrderedLine[] {
  if (segs.length <= 1 || depth >= MAX_DEPTH) return rowsToLines(segs, false);
  const x0 = Math.min(...segs.map((s) => s.x0));
  const x1 = Math.max(...segs.map((s) => s.x1));
  // A gutter lies between text on both sides: gaps running to the region's edge are margins.
  const interior = (gaps: Interval[]) => gaps.filter(([a, b]) => a > x0 + 0.5 && b < x1 - 0.5);
  const out: OrderedLine[] = [];
  let group: Segment[] = [];
  let gutters: Interval[] = [];
  const flush = () => {
    if (group.length > 0) out.push(...orderGroup(group, gutters, depth));
    group = [];
    gutters = [];
  };
  for (const band of cutBands(segs)) {
    const bandGaps = freeIntervals(band, x0, x1);
    if (group.length > 0 && gutters.length > 0) {
      // A band continues a column group while it leaves some of the group's gutter free.
      const inter = intersectIntervals(gutters, bandGaps);
      if (inter.length > 0) {
        group.push(...band);
        gutters = inter;
        continue;
      }
      flush();
    }
    const own = interior(bandGaps);
    if (own.length === 0) {
      // One-sided or full-width band: rows, unless a column group starts right after it.
      group.push(...band);
      continue;
    }
    // Bands just above the columns that sit entirely on one side of the new gutter belong to it.
    const absorbed = own.filter(([a, b]) => group.every((s) => s.x1 <= a + 0.5 || s.x0 >= b - 0.5));
    if (group.length > 0 && absorbed.length > 0) {
      group.push(...band);
      gutters = absorbed;
      continue;
    }
    flush();
    group = [...band];
    gutters = own;
  }
  flush();
  return out;
}

/** Horizontal bands: sets of segments whose vertical extents overlap. */
function cutBands(segs: Segment[]): Segment[][] {
  const sorted = [...segs].sort((a, b) => a.top - b.top);
  const bands: Segment[][] = [];
  let band: Segment[] = [];
  let bottom = Number.NEGATIVE_INFINITY;
  for (const s of sorted) {
    if (band.length > 0 && s.top < bottom - 0.5) {
      band.push(s);
      bottom = Math.max(bottom, s.bottom);
    } else {
      if (band.length > 0) bands.push(band);
      band = [s];
      bottom = s.bottom;
    }
  }
  if (band.length > 0) bands.push(band);
  return bands;
}

function freeIntervals(segs: Segment[], x0: number, x1: number): Interval[] {
  const covered = segs.map((s): Interval => [s.x0, s.x1]).sort((a, b) => a[0] - b[0]);
  const free: Interval[] = [];
  let cursor = x0;
  for (const [a, b] of covered) {
    if (a - cursor >= MIN_GUTTER) free.push([cursor, a]);
    cursor = Math.max(cursor, b);
  }
  if (x1 - cursor >= MIN_GUTTER) free.push([cursor, x1]);
  return free;
}

function intersectIntervals(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (hi - lo >= MIN_GUTTER) out.push([lo, hi]);
    }
  }
  return out;
}

function orderGroup(group: Segment[], gaps: Interval[], depth: number): OrderedLine[] {
  const interior = gaps.filter(
    ([a, b]) => group.some((s) => s.x1 <= a + 0.5) && group.some((s) => s.x0 >= b - 0.5),
  );
  if (interior.length === 0) return rowsToLines(group, false);
  const [a, b] = interior.reduce((best, g) => (g[1] - g[0] > best[1] - best[0] ? g : best));
  const mid = (a + b) / 2;
  const left = group.filter((s) => (s.x0 + s.x1) / 2 < mid);
  const right = group.filter((s) => (s.x0 + s.x1) / 2 >= mid);
  if (!isColumnSplit(left, right)) return rowsToLines(group, false);
  const leftLines = orderRegion(left, depth + 1);
  const rightLines = orderRegion(right, depth + 1);
  if (rightLines[0]) rightLines[0].columnStart = true;
  if (leftLines[0]) leftLines[0].columnStart = true;
  return [...leftLines, ...rightLines];
}

/**
 * Columns or a table of rows? Right-aligned dates or a left date margin form a narrow "column" whose
 * every entry sits on the baseline of a line of the other side: that is one row, read across.
 */
function isColumnSplit(left: Segment[], right: Segment[]): boolean {
  if (left.length === 0 || right.length === 0) return false;
  const rowsOf = (segs: Segment[]) => new Set(segs.map((s) => Math.round(s.baseline))).size;
  const leftRows = rowsOf(left);
  const rightRows = rowsOf(right);
  if (leftRows < 2 && rightRows < 2) return false;
  const [small, big] = left.length <= right.length ? [left, right] : [right, left];
  // Only segments level with something on the other side say anything about rows versus columns.
  const contested = small.filter((s) => big.some((o) => o.top < s.bottom && s.top < o.bottom));
  if (contested.length === 0) return false;
  const paired = contested.filter((s) => big.some((o) => Math.abs(o.baseline - s.baseline) <= 2)).length;
  if (paired / contested.length < 0.75) return true;
  // Baselines line up, as in two LaTeX columns set on the same grid: still columns when both sides are
  // running text rather than a narrow column of dates or labels.
  const x0 = Math.min(...left.map((s) => s.x0));
  const x1 = Math.max(...right.map((s) => s.x1));
  const wide = (segs: Segment[]) => median(segs.map((s) => s.x1 - s.x0)) >= 0.25 * (x1 - x0);
  if (leftRows >= 3 && rightRows >= 3 && wide(left) && wide(right)) return true;
  // A narrow column (a skills list beside the experience column) set on the same grid: a long run of
  // consecutive lines on the smaller side, which a date or label column beside entries never has.
  const smallRows = rowsOf(small);
  return rowsOf(big) >= 1.5 * smallRows && longestRun(small) >= 4;
}

/** The longest run of segments on consecutive lines (baseline gaps of at most 1.8 em). */
function longestRun(segs: Segment[]): number {
  const sorted = [...segs].sort((a, b) => a.baseline - b.baseline);
  let best = sorted.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]!.baseline - sorted[i - 1]!.baseline;
    run = gap > 0.5 && gap <= 1.8 * sorted[i - 1]!.fontSize ? run + 1 : gap <= 0.5 ? run : 1;
    best = Math.max(best, run);
  }
  return best;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function rowsToLines(segs: Segment[], columnStart: boolean): OrderedLine[] {
  const sorted = [...segs].sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: OrderedLine[] = [];
  for (const s of sorted) {
    const last = lines[lines.length - 1];
    const ref = last?.segs[0];
    if (
      last &&
      ref &&
      Math.abs(ref.baseline - s.baseline) <= Math.max(1, 0.35 * Math.min(ref.fontSize, s.fontSize))
    ) {
      last.segs.push(s);
      last.segs.sort((p, q) => p.x0 - q.x0);
    } else {
      lines.push({ segs: [s], columnStart: lines.length === 0 && columnStart });
    }
  }
  return lines;
}

// --- lines and blocks -------------------------------------------------------------------------------

function fragmentsText(frags: Fragment[]): string {
  let text = "";
  let prev: Fragment | undefined;
  for (const f of frags) {
    if (prev) {
      const gap = f.x - (prev.x + prev.width);
      const needsSpace = gap > 0.15 * Math.min(prev.fontSize, f.fontSize);
      if (needsSpace && !text.endsWith(" ") && !f.text.startsWith(" ")) text += " ";
    }
    text += f.text;
    prev = f;
  }
  return text;
}

function toTextLine(line: OrderedLine, page: number): TextLine | null {
  const frags = line.segs.flatMap((s) => s.frags);
  const raw = line.segs.map((s) => fragmentsText(s.frags)).join(" ");
  const { text, listItem } = splitListMarker(tidyLine(raw));
  if (text === "" || isBareMarker(text)) return null;
  const x0 = Math.min(...line.segs.map((s) => s.x0));
  const x1 = Math.max(...line.segs.map((s) => s.x1));
  const top = Math.min(...line.segs.map((s) => s.top));
  const bottom = Math.max(...line.segs.map((s) => s.bottom));
  const chars = (pred: (f: Fragment) => boolean) =>
    frags.filter(pred).reduce((n, f) => n + f.text.trim().length, 0);
  const total = chars(() => true) || 1;
  return {
    text,
    page,
    x: round(x0),
    y: round(top),
    width: round(x1 - x0),
    height: round(bottom - top),
    fontSize: round(dominant(frags, (f) => Math.round(f.fontSize * 10) / 10)),
    bold: chars((f) => f.bold) / total > 0.5,
    italic: chars((f) => f.italic) / total > 0.5,
    listItem,
  };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function buildBlocks(ordered: OrderedLine[], page: number): TextBlock[] {
  const blocks: TextBlock[] = [];
  let current: TextLine[] = [];
  let prev: TextLine | undefined;
  for (const ol of ordered) {
    const line = toTextLine(ol, page);
    if (!line) continue;
    if (prev && (ol.columnStart || startsNewBlock(prev, line))) {
      blocks.push({ lines: current });
      current = [];
    }
    current.push(line);
    prev = line;
  }
  if (current.length > 0) blocks.push({ lines: current });
  for (const block of blocks) joinHyphenated(block.lines);
  return blocks;
}

function startsNewBlock(prev: TextLine, line: TextLine): boolean {
  const gap = line.y - (prev.y + prev.height);
  if (gap > 0.6 * Math.max(prev.height, 1) || gap < -prev.height) return true;
  if (Math.abs(line.fontSize - prev.fontSize) > 1.5) return true;
  return false;
}

/** "manage-" + "ment of ..." → "management" + "of ...", keeping both lines' positions. */
function joinHyphenated(lines: TextLine[]): void {
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (!isBrokenHyphenation(line.text, next.text)) continue;
    const space = next.text.indexOf(" ");
    const head = space < 0 ? next.text : next.text.slice(0, space);
    line.text = line.text.slice(0, -1) + head;
    next.text = space < 0 ? "" : next.text.slice(space + 1);
  }
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.text === "") lines.splice(i, 1);
}

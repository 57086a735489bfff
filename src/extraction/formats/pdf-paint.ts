// Walks a pdf.js operator list to learn, for each run of shown text, its fill colour, opacity and render
// mode, and which filled shapes and images were painted before it. That is what decides whether a reader
// can see the text: white text on a dark header bar is visible, white text on the white page is not.
import { OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

export type Rgb = [number, number, number];
type Matrix = [number, number, number, number, number, number];

export interface PaintRegion {
  /** Page user space: [x0, y0, x1, y1]. */
  box: [number, number, number, number];
  /** null for images and patterns: background of unknown colour. */
  color: Rgb | null;
}

export interface TextRun {
  /** Characters shown, whitespace removed. */
  chars: string;
  color: Rgb | null;
  alpha: number;
  renderMode: number;
  /** Number of paint regions painted before this run (those can lie beneath it). */
  paintsBefore: number;
  /** Where the run starts in page user space (approximate: ignores advances within a line). */
  origin: [number, number];
  /** The run's text with spaces, for findings. */
  text: string;
}

export interface PaintLog {
  runs: TextRun[];
  paints: PaintRegion[];
}

interface GState {
  ctm: Matrix;
  color: Rgb | null;
  alpha: number;
  renderMode: number;
}

const FILL_OPS = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
]);
const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject]);
const TEXT_OPS = new Set<number>([
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
]);
/** Bound the work spent on pathological pages (thousands of tiny shapes). */
const MAX_PAINTS = 4000;

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

function transformBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): PaintRegion["box"] {
  const pts = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]] as const);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function parseHexColor(value: unknown): Rgb | null {
  if (typeof value !== "string" || !/^#[0-9a-f]{6}$/i.test(value)) return null;
  const n = Number.parseInt(value.slice(1), 16);
  return [(n >> 16) / 255, ((n >> 8) & 0xff) / 255, (n & 0xff) / 255];
}

function glyphText(glyphs: unknown): string {
  if (!Array.isArray(glyphs)) return "";
  let out = "";
  for (const g of glyphs) {
    if (g && typeof g === "object" && "unicode" in g && typeof g.unicode === "string") out += g.unicode;
  }
  return out;
}

export function logPaints(fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>): PaintLog {
  const runs: TextRun[] = [];
  const paints: PaintRegion[] = [];
  let gs: GState = { ctm: [1, 0, 0, 1, 0, 0], color: [0, 0, 0], alpha: 1, renderMode: 0 };
  const stack: GState[] = [];
  // Text position: text matrix plus the current line offset, as pdf.js's canvas tracks it.
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let lineX = 0;
  let lineY = 0;
  let leading = 0;
  const save = () => stack.push({ ...gs });
  const restore = () => {
    gs = stack.pop() ?? gs;
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        save();
        break;
      case OPS.restore:
        restore();
        break;
      case OPS.transform:
        if (args && args.length === 6) gs.ctm = multiply(gs.ctm, args as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        save();
        const m = args?.[0];
        if (Array.isArray(m) && m.length === 6) gs.ctm = multiply(gs.ctm, m as Matrix);
        break;
      }
      case OPS.paintFormXObjectEnd:
        restore();
        break;
      case OPS.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        lineX = 0;
        lineY = 0;
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(args?.[0]) ? args[0] : args) as unknown[] | null;
        if (m && m.length === 6 && m.every((v) => typeof v === "number")) tm = m as Matrix;
        lineX = 0;
        lineY = 0;
        break;
      }
      case OPS.setLeading:
        if (typeof args?.[0] === "number") leading = -args[0];
        break;
      case OPS.setLeadingMoveText:
      case OPS.moveText:
        if (typeof args?.[0] === "number" && typeof args?.[1] === "number") {
          if (fn === OPS.setLeadingMoveText) leading = args[1];
          lineX += args[0];
          lineY += args[1];
        }
        break;
      case OPS.nextLine:
        lineY += leading;
        break;
      case OPS.setFillRGBColor:
        gs.color = parseHexColor(args?.[0]);
        break;
      case OPS.setFillTransparent:
        gs.alpha = 0;
        break;
      case OPS.setFillColorN:
        gs.color = null;
        break;
      case OPS.setTextRenderingMode:
        gs.renderMode = typeof args?.[0] === "number" ? args[0] : 0;
        break;
      case OPS.setGState:
        for (const entry of (args?.[0] as unknown[]) ?? []) {
          if (Array.isArray(entry) && entry[0] === "ca" && typeof entry[1] === "number") gs.alpha = entry[1];
        }
        break;
      case OPS.constructPath: {
        const op = args?.[0];
        const minMax = args?.[2] as ArrayLike<number> | null | undefined;
        if (typeof op === "number" && FILL_OPS.has(op) && minMax && minMax.length >= 4 && gs.alpha > 0.5) {
          if (paints.length < MAX_PAINTS) {
            paints.push({
              box: transformBox(gs.ctm, minMax[0]!, minMax[1]!, minMax[2]!, minMax[3]!),
              color: gs.color,
            });
          }
        }
        break;
      }
      default:
        if (fn !== undefined && IMAGE_OPS.has(fn)) {
          if (paints.length < MAX_PAINTS) paints.push({ box: transformBox(gs.ctm, 0, 0, 1, 1), color: null });
        } else if (fn !== undefined && TEXT_OPS.has(fn)) {
          const glyphs = fn === OPS.nextLineSetSpacingShowText ? args?.[2] : args?.[0];
          if (fn === OPS.nextLineShowText || fn === OPS.nextLineSetSpacingShowText) lineY += leading;
          const text = glyphText(glyphs);
          const chars = text.replace(/\s+/g, "");
          if (chars) {
            const m = multiply(gs.ctm, tm);
            const origin: [number, number] = [
              m[0] * lineX + m[2] * lineY + m[4],
              m[1] * lineX + m[3] * lineY + m[5],
            ];
            runs.push({
              chars,
              text,
              origin,
              color: gs.color,
              alpha: gs.alpha,
              renderMode: gs.renderMode,
              paintsBefore: paints.length,
            });
          }
        }
    }
  }
  return { runs, paints };
}

/** Colour of the topmost painted region under a point, white (the page) if none, null if unknown. */
export function backgroundAt(log: PaintLog, paintsBefore: number, x: number, y: number): Rgb | null {
  for (let i = Math.min(paintsBefore, log.paints.length) - 1; i >= 0; i--) {
    const p = log.paints[i]!;
    const [x0, y0, x1, y1] = p.box;
    // Thin rules (underlines, separators) are not backgrounds.
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return p.color;
  }
  return [1, 1, 1];
}

export function sameColour(a: Rgb, b: Rgb): boolean {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2])) < 0.06;
}

/**
 * Assigns each text-content item the run its characters came from. pdf.js emits both in content-stream
 * order, so a forward-only cursor over the run characters suffices; an unmatched item gets undefined.
 */
export function alignItems(
  items: readonly { str: string }[],
  runs: readonly TextRun[],
): (TextRun | undefined)[] {
  const flat: { ch: string; run: number }[] = [];
  runs.forEach((r, idx) => {
    for (const ch of r.chars) flat.push({ ch, run: idx });
  });
  let cursor = 0;
  return items.map((item) => {
    const chars = [...item.str.replace(/\s+/g, "")];
    if (chars.length === 0) return undefined;
    const votes = new Map<number, number>();
    for (const ch of chars) {
      // Look a little ahead: pdf.js may drop or reorder a glyph (e.g. combining marks).
      for (let k = cursor; k < Math.min(flat.length, cursor + 40); k++) {
        if (flat[k]!.ch === ch) {
          votes.set(flat[k]!.run, (votes.get(flat[k]!.run) ?? 0) + 1);
          cursor = k + 1;
          break;
        }
      }
    }
    let best: number | undefined;
    let bestVotes = 0;
    for (const [run, v] of votes) {
      if (v > bestVotes) {
        best = run;
        bestVotes = v;
      }
    }
    return best === undefined || bestVotes < chars.length / 2 ? undefined : runs[best];
  });
}

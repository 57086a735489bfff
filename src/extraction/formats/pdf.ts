// PDF text layer through pdf.js: positioned runs → reading order, with the paint log deciding visibility.
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument, type PDFDocumentProxy, type PDFPageProxy, Util } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { RawDocument } from "../assemble.ts";
import { type Fragment, layoutPage } from "../layout/reading-order.ts";
import { normalizeChars } from "../normalize.ts";
import { ExtractionError, type ExtractionLimits, type HiddenTextFinding } from "../types.ts";
import { alignItems, backgroundAt, logPaints, sameColour, type TextRun } from "./pdf-paint.ts";

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
}

function isTextItem(item: unknown): item is TextItem {
  return typeof item === "object" && item !== null && "str" in item && "transform" in item;
}

export interface PdfOpenOptions {
  /** Images above this many pixels are skipped (never decoded). */
  maxImagePixels: number;
  /** Pages will be rendered (OCR): load everything drawing needs. */
  render?: boolean;
}

export async function openPdf(bytes: Uint8Array, options: PdfOpenOptions): Promise<PDFDocumentProxy> {
  const task = getDocument({
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    maxImageSize: options.maxImagePixels,
    cMapUrl: `${path.join(PDFJS_DIR, "cmaps")}/`,
    cMapPacked: true,
    // Glyph programs of the standard 14 fonts only matter for rendering; text needs their built-in metrics.
    ...(options.render ? { standardFontDataUrl: `${path.join(PDFJS_DIR, "standard_fonts")}/` } : {}),
    wasmUrl: `${path.join(PDFJS_DIR, "wasm")}/`,
  });
  try {
    return await task.promise;
  } catch (err) {
    await task.destroy().catch(() => {});
    throw pdfOpenError(err);
  }
}

function pdfOpenError(err: unknown): ExtractionError {
  const name = err instanceof Error ? err.name : "";
  const message = err instanceof Error ? err.message : String(err);
  if (name === "PasswordException")
    return new ExtractionError("encrypted", "encrypted PDF (a password is required)");
  if (name === "InvalidPDFException") return new ExtractionError("corrupt", `file is corrupt: ${message}`);
  return new ExtractionError("corrupt", `file is corrupt: ${message}`);
}

export function checkPageCount(doc: PDFDocumentProxy, limits: ExtractionLimits): void {
  if (doc.numPages > limits.maxPages) {
    throw new ExtractionError("too-many-pages", `more than ${limits.maxPages} pages (${doc.numPages})`);
  }
  if (doc.numPages === 0) throw new ExtractionError("corrupt", "file is corrupt: the PDF has no pages");
}

export interface PdfText extends RawDocument {
  /** Pages with no text layer at all: candidates for OCR. */
  pagesWithoutText: number[];
}

export async function extractPdf(bytes: Uint8Array, limits: ExtractionLimits): Promise<PdfText> {
  const doc = await openPdf(bytes, { maxImagePixels: 4_000_000 });
  try {
    checkPageCount(doc, limits);
    const result: PdfText = {
      format: "pdf",
      pages: [],
      links: [],
      hiddenText: [],
      warnings: [],
      pagesWithoutText: [],
    };
    for (let n = 1; n <= doc.numPages; n++) {
      try {
        const page = await doc.getPage(n);
        await readPage(page, n, result);
        page.cleanup();
      } catch (err) {
        if (err instanceof ExtractionError) throw err;
        result.warnings.push(
          `page ${n} could not be read: ${err instanceof Error ? err.message : String(err)}`,
        );
        result.pagesWithoutText.push(n);
      }
    }
    if (result.pages.length === 0)
      throw new ExtractionError("corrupt", "file is corrupt: no page could be read");
    return result;
  } finally {
    await doc.destroy().catch(() => {});
  }
}

const BOLD_RE =
  /bold|black|heavy|semibold|demi|extrabold|ultrabold|cmbx|cmb\d|sfbx|lmroman\d+-bold|[-,]b$|bd\b/i;
const ITALIC_RE = /italic|oblique|cmti|cmsl|cmitt|sfti|sfsl|[-,]it$|[-,]i$/i;

function fontFlags(page: PDFPageProxy, fontName: string): { bold: boolean; italic: boolean } {
  let name = "";
  try {
    if (page.commonObjs.has(fontName)) {
      const font = page.commonObjs.get(fontName) as {
        name?: string;
        bold?: boolean;
        italic?: boolean;
      } | null;
      name = font?.name ?? "";
      if (font?.bold || font?.italic) return { bold: !!font.bold, italic: !!font.italic };
    }
  } catch {
    // Fonts that failed to load have no entry; fall through to regular.
  }
  const base = name.replace(/^[A-Z]{6}\+/, "");
  return { bold: BOLD_RE.test(base), italic: ITALIC_RE.test(base) };
}

async function readPage(page: PDFPageProxy, n: number, out: PdfText): Promise<void> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent({ disableNormalization: true });
  const opList = await page.getOperatorList();
  const log = logPaints(opList.fnArray, opList.argsArray);
  const items = (content.items as unknown[]).filter(isTextItem);
  const runs = alignItems(items, log.runs);
  // A page whose text is all in render mode 3 is an OCR layer laid over a scan: that text is meant to be read.
  const textRuns = runs.filter((r): r is TextRun => r !== undefined);
  const ocrLayer = textRuns.length > 0 && textRuns.every((r) => r.renderMode % 4 === 3);

  const fragments: Fragment[] = [];
  const hidden: HiddenTextFinding[] = [];
  const fontCache = new Map<string, { bold: boolean; italic: boolean }>();
  items.forEach((item, idx) => {
    if (item.str.trim() === "") return;
    const tr = item.transform;
    const fontSize = Math.hypot(tr[2] ?? 0, tr[3] ?? 0);
    const origin = [tr[4] ?? 0, tr[5] ?? 0];
    Util.applyTransform(origin, viewport.transform);
    const [px = 0, py = 0] = origin;
    const reason = hiddenReason(item, fontSize, px, py, viewport, runs[idx], ocrLayer, log);
    if (reason) {
      hidden.push({ reason, text: normalizeChars(item.str), page: n });
      return;
    }
    let flags = fontCache.get(item.fontName);
    if (!flags) {
      flags = fontFlags(page, item.fontName);
      fontCache.set(item.fontName, flags);
    }
    fragments.push({
      text: item.str,
      x: px,
      baseline: py,
      width: item.width,
      fontSize,
      bold: flags.bold,
      italic: flags.italic,
    });
  });
  // pdf.js leaves text placed off the page out of its text content: find it among the unmatched runs.
  const matched = new Set(runs);
  const [vx0, vy0, vx1, vy1] = page.view as [number, number, number, number];
  for (const run of log.runs) {
    if (matched.has(run)) continue;
    const [x, y] = run.origin;
    if (x < vx0 - 5 || x > vx1 + 5 || y < vy0 - 5 || y > vy1 + 5) {
      hidden.push({ reason: "outside-page", text: normalizeChars(run.text).trim(), page: n });
    }
  }
  out.hiddenText.push(...mergeFindings(hidden));
  if (fragments.length === 0) out.pagesWithoutText.push(n);
  out.pages.push({
    number: n,
    width: Math.round(viewport.width * 100) / 100,
    height: Math.round(viewport.height * 100) / 100,
    blocks: layoutPage(fragments, n),
  });
  const annotations = (await page.getAnnotations()) as {
    subtype?: string;
    url?: string;
    unsafeUrl?: string;
  }[];
  for (const a of annotations) {
    const url = a.url ?? a.unsafeUrl;
    if (a.subtype === "Link" && typeof url === "string" && url.length < 2048) out.links.push(url);
  }
}

function hiddenReason(
  item: TextItem,
  fontSize: number,
  px: number,
  py: number,
  viewport: { width: number; height: number },
  run: TextRun | undefined,
  ocrLayer: boolean,
  log: ReturnType<typeof logPaints>,
): HiddenTextFinding["reason"] | null {
  if (px + item.width < 0 || px > viewport.width || py < 0 || py - fontSize > viewport.height)
    return "outside-page";
  if (fontSize < 2) return "tiny-font";
  if (!run) return null;
  if (run.alpha < 0.1) return "transparent";
  if (run.renderMode % 4 === 3 && !ocrLayer) return "transparent";
  if (run.color && run.renderMode % 4 !== 3) {
    const tr = item.transform;
    const cx = (tr[4] ?? 0) + item.width / 2;
    const cy = (tr[5] ?? 0) + fontSize * 0.3;
    const bg = backgroundAt(log, run.paintsBefore, cx, cy);
    if (bg && sameColour(run.color, bg)) return "invisible-colour";
  }
  return null;
}

/** Consecutive hidden runs with the same reason become one finding. */
function mergeFindings(findings: HiddenTextFinding[]): HiddenTextFinding[] {
  const out: HiddenTextFinding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (last && last.reason === f.reason && last.page === f.page) last.text = `${last.text} ${f.text}`.trim();
    else out.push({ ...f });
  }
  return out;
}

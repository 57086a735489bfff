// OCR with tesseract.js and the English model shipped in @tesseract.js-data/eng: nothing is fetched at run
// time (langPath is a local folder, cache off). One tesseract worker per extraction thread, made lazily.
import { createRequire } from "node:module";
import path from "node:path";
import { createWorker, OEM, type Worker as TesseractWorker } from "tesseract.js";
import { type Fragment, layoutPage } from "./layout/reading-order.ts";
import type { TextBlock } from "./types.ts";

const require = createRequire(import.meta.url);
const LANG_PATH = path.join(
  path.dirname(require.resolve("@tesseract.js-data/eng/package.json")),
  "4.0.0_best_int",
);

let workerPromise: Promise<TesseractWorker> | undefined;

function ocrWorker(): Promise<TesseractWorker> {
  workerPromise ??= createWorker("eng", OEM.LSTM_ONLY, {
    langPath: LANG_PATH,
    gzip: true,
    cacheMethod: "none",
    logger: () => {},
    errorHandler: () => {},
  }).catch((err: unknown) => {
    workerPromise = undefined;
    throw err;
  });
  return workerPromise;
}

/** Stops the tesseract worker (tests and shutdown; pool workers take it down with them). */
export async function closeOcr(): Promise<void> {
  const pending = workerPromise;
  workerPromise = undefined;
  if (pending) await (await pending).terminate();
}

export interface OcrPage {
  blocks: TextBlock[];
  /** Mean word confidence, 0..1. */
  confidence: number;
  words: number;
}

interface Bbox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface OcrWord {
  text: string;
  confidence: number;
  bbox: Bbox;
  font_size?: number;
  is_bold?: boolean;
  is_italic?: boolean;
}

/**
 * Recognises one page image. `scale` converts pixels to points so lines land in page coordinates.
 */
export async function ocrImage(image: Buffer, pageNumber: number, scale: number): Promise<OcrPage> {
  const worker = await ocrWorker();
  const { data } = await worker.recognize(image, {}, { blocks: true, text: false });
  const words: OcrWord[] = [];
  for (const block of data.blocks ?? []) {
    for (const para of block.paragraphs)
      for (const line of para.lines) words.push(...(line.words as OcrWord[]));
  }
  // Low-confidence words are mostly speckle; lone punctuation (dashes between dates) is kept.
  const kept = words.filter(
    (w) => w.text.trim() !== "" && (w.confidence > 20 || /^[-–—/|•]$/.test(w.text.trim())),
  );
  const fragments: Fragment[] = kept.map((w) => {
    const height = (w.bbox.y1 - w.bbox.y0) * scale;
    return {
      text: w.text,
      x: w.bbox.x0 * scale,
      baseline: w.bbox.y1 * scale,
      width: (w.bbox.x1 - w.bbox.x0) * scale,
      // Word boxes span ascender to descender for most words: about 1.3 × the font size.
      fontSize: Math.max(4, Math.round((height / 1.3) * 2) / 2),
      bold: !!w.is_bold,
      italic: !!w.is_italic,
    };
  });
  const confidence = kept.length > 0 ? kept.reduce((n, w) => n + w.confidence, 0) / kept.length / 100 : 0;
  return {
    blocks: layoutPage(fragments, pageNumber),
    confidence: Math.round(confidence * 1000) / 1000,
    words: kept.length,
  };
}

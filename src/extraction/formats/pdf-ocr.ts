// Scanned PDFs: pages without a text layer are rendered (pdf.js onto @napi-rs/canvas) and OCR'd.
import { createCanvas } from "@napi-rs/canvas";
import { layoutPage } from "../layout/reading-order.ts";
import { ocrImage } from "../ocr.ts";
import { MAX_IMAGE_PIXELS } from "./image.ts";
import { openPdf, type PdfText } from "./pdf.ts";

/** OCR is slow (seconds per page): a scanned CV beyond this many pages is read partially. */
const MAX_OCR_PAGES = 10;
/** Longest side of the rendered page in pixels: about 220 dpi on A4, enough for body text. */
const RENDER_LONG_SIDE = 2600;

export async function ocrPdfPages(bytes: Uint8Array, result: PdfText): Promise<void> {
  const pages = result.pagesWithoutText.slice(0, MAX_OCR_PAGES);
  if (pages.length === 0) return;
  if (result.pagesWithoutText.length > pages.length) {
    result.warnings.push(`only the first ${MAX_OCR_PAGES} scanned pages were OCR'd`);
  }
  const doc = await openPdf(bytes, { maxImagePixels: MAX_IMAGE_PIXELS, render: true });
  const confidences: { value: number; words: number }[] = [];
  try {
    for (const n of pages) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const scale = RENDER_LONG_SIDE / Math.max(base.width, base.height);
      const viewport = page.getViewport({ scale });
      const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = "#ffffff";
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      // pdf.js draws on any 2D context with the DOM canvas API, which @napi-rs/canvas implements.
      const params = { canvas, canvasContext: ctx, viewport } as unknown as Parameters<typeof page.render>[0];
      await page.render(params).promise;
      const png = await canvas.encode("png");
      page.cleanup();
      const ocr = await ocrImage(png, n, 1 / scale);
      const target = result.pages.find((p) => p.number === n);
      if (target) target.blocks = ocr.blocks.length > 0 ? ocr.blocks : layoutPage([], n);
      if (ocr.words > 0) confidences.push({ value: ocr.confidence, words: ocr.words });
    }
  } finally {
    await doc.destroy().catch(() => {});
  }
  if (confidences.length > 0) {
    const words = confidences.reduce((n, c) => n + c.words, 0);
    const value = confidences.reduce((n, c) => n + c.value * c.words, 0) / words;
    result.ocr = { confidence: Math.round(value * 1000) / 1000 };
  }
}

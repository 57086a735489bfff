// Extraction throughput, in-thread (one core): single-page text PDFs and DOCX per second, pages per
// second on the real corpus, OCR seconds per page. Target: ≥ 50 single-page text PDFs/s per core.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateExtractionFixtures } from "../scripts/make-extraction-fixtures.ts";
import { extractDocument } from "../src/extraction/extract.ts";
import { closeOcr } from "../src/extraction/ocr.ts";
import { prepareExtractionThread } from "../src/extraction/thread-setup.ts";

const limits = { maxPages: 50, timeoutMs: 60_000, maxUnzippedBytes: 50_000_000 };
const PDF_TARGET = 50;

async function timeAll(files: { bytes: Uint8Array; name: string }[], rounds: number) {
  let pages = 0;
  let docs = 0;
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const f of files) {
      const doc = await extractDocument(f.bytes, { filename: f.name, limits });
      pages += doc.pages.length;
      docs++;
    }
  }
  const seconds = (performance.now() - start) / 1000;
  return { docs, pages, seconds, docsPerSecond: docs / seconds, pagesPerSecond: pages / seconds };
}

function load(dir: string, files: string[]) {
  return files.map((f) => ({
    bytes: new Uint8Array(fs.readFileSync(path.join(dir, f))),
    name: path.basename(f),
  }));
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-extraction-bench-"));
  // Measure what a pool worker does: the benchmark thread is set up like one.
  const decompression = Reflect.get(globalThis, "DecompressionStream");
  prepareExtractionThread();
  try {
    const { cvs } = await generateExtractionFixtures(dir);
    const pick = (pred: (f: string) => boolean) => load(dir, cvs.map((c) => c.file).filter(pred));
    const singlePagePdfs = pick((f) => f.endsWith(".pdf") && !f.includes("scanned"));
    const docx = pick((f) => f.endsWith(".docx"));
    // Warm-up: module initialisation and pdf.js font setup are paid once per worker, not per document.
    await timeAll(singlePagePdfs.slice(0, 3), 1);

    const pdf = await timeAll(singlePagePdfs, 5);
    console.log(
      `extraction: single-page text PDFs ${pdf.docsPerSecond.toFixed(1)} docs/s per core ` +
        `(${pdf.docs} docs in ${pdf.seconds.toFixed(2)} s; target ≥ ${PDF_TARGET}, ratio ${(pdf.docsPerSecond / PDF_TARGET).toFixed(2)})`,
    );
    const d = await timeAll(docx, 10);
    console.log(
      `extraction: DOCX ${d.docsPerSecond.toFixed(1)} docs/s per core (${d.docs} docs in ${d.seconds.toFixed(2)} s)`,
    );

    const corpusDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../shared/corpus");
    if (fs.existsSync(corpusDir)) {
      const corpus = fs.readdirSync(corpusDir).flatMap((id) => {
        const sub = path.join(corpusDir, id);
        return fs.statSync(sub).isDirectory()
          ? fs
              .readdirSync(sub)
              .filter((f) => f.endsWith(".pdf"))
              .map((f) => path.join(id, f))
          : [];
      });
      const real = load(corpusDir, corpus);
      const cold = await timeAll(real, 1);
      const c = await timeAll(real, 2);
      console.log(
        `extraction: real corpus PDFs, first pass in a fresh thread ${cold.pagesPerSecond.toFixed(1)} pages/s`,
      );
      console.log(
        `extraction: real corpus PDFs, warm ${c.pagesPerSecond.toFixed(1)} pages/s, ${c.docsPerSecond.toFixed(1)} docs/s per core ` +
          `(${c.pages} pages in ${c.seconds.toFixed(2)} s)`,
      );
    }

    const scans = pick((f) => f.includes("scanned"));
    await timeAll(scans.slice(0, 1), 1); // tesseract worker and model load
    const o = await timeAll(scans, 2);
    console.log(
      `extraction: OCR ${(o.seconds / o.pages).toFixed(2)} s per page (${o.pages} scanned pages, model load excluded)`,
    );
  } finally {
    Reflect.set(globalThis, "DecompressionStream", decompression);
    await closeOcr();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

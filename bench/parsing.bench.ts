// Offline parse stage throughput: structure analysis + rule-based parse on already-extracted documents,
// CVs per second on one core (target ≥ 200/s). Documents: the shared corpus (when present) and the
// synthetic set (PDF, DOCX, TXT in four languages), extracted once before timing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeSyntheticCorpus } from "../scripts/make-parse-fixtures.ts";
import { extractDocument } from "../src/extraction/extract.ts";
import type { ExtractedDocument } from "../src/extraction/types.ts";
import { labelledDocuments } from "../src/parsing/evaluation.ts";
import { parseCvOffline } from "../src/parsing/offline-parser.ts";
import { analyzeStructure } from "../src/structure/analyze.ts";

const TARGET_CVS_PER_SECOND = 200;
const LIMITS = { maxPages: 50, timeoutMs: 30_000, maxUnzippedBytes: 100 * 1024 * 1024 };

async function extractAll(dir: string): Promise<ExtractedDocument[]> {
  const docs: ExtractedDocument[] = [];
  for (const d of labelledDocuments(dir)) {
    const bytes = new Uint8Array(fs.readFileSync(d.file));
    docs.push(await extractDocument(bytes, { filename: path.basename(d.file), limits: LIMITS }));
  }
  return docs;
}

export async function run(): Promise<void> {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const corpus = path.resolve(repoRoot, "../shared/corpus");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-parse-bench-"));
  let docs: ExtractedDocument[];
  try {
    await writeSyntheticCorpus(tmp, 60, 3);
    docs = [...(fs.existsSync(corpus) ? await extractAll(corpus) : []), ...(await extractAll(tmp))];
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const now = new Date();
  const once = () => {
    for (const doc of docs) parseCvOffline({ doc, structure: analyzeStructure(doc), now });
  };
  once(); // warm-up: taxonomy load, JIT
  const rounds = 5;
  const started = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) once();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = (docs.length * rounds) / seconds;
  console.log(
    `parsing (offline, structure + parse): ${perSecond.toFixed(0)} CVs/s on one core over ${docs.length} documents ` +
      `(target ≥ ${TARGET_CVS_PER_SECOND}/s, ratio ${(perSecond / TARGET_CVS_PER_SECOND).toFixed(2)})`,
  );
}

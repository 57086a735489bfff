// Locates the shared corpus of real CVs beside the repo (or CVFLOW_CORPUS_DIR); a missing corpus
// fails in CI and skips elsewhere. Every corpus test finds it here.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const corpusDir = path.resolve(
  process.env.CVFLOW_CORPUS_DIR ?? path.join(repoRoot, "../shared/corpus"),
);
export const corpusAvailable = fs.existsSync(corpusDir);

if (!corpusAvailable && process.env.CI === "true") {
  throw new Error(`corpus missing at ${corpusDir}`);
}

export interface CorpusDoc {
  id: string;
  file: string;
  truth: { name?: string; email?: string; layout?: string; links?: Record<string, string> };
}

export function corpusDocs(): CorpusDoc[] {
  if (!corpusAvailable) return [];
  const out: CorpusDoc[] = [];
  for (const id of fs.readdirSync(corpusDir).sort()) {
    const truthPath = path.join(corpusDir, id, "truth.json");
    if (!fs.existsSync(truthPath)) continue;
    const truth = JSON.parse(fs.readFileSync(truthPath, "utf8"));
    for (const file of [truth.file, ...(truth.also_applies_to ?? [])]) {
      out.push({ id, file: path.join(corpusDir, id, file), truth });
    }
  }
  return out;
}

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(file));
}

// Scores the offline parser against a labelled corpus: `npm run eval:parse [-- --corpus DIR]
// [--synthetic] [--verbose]`. Default corpus: ../shared/corpus. --synthetic generates the synthetic
// set (scripts/make-parse-fixtures.ts) into a temporary folder and scores it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { extractDocument } from "../src/extraction/extract.ts";
import { type DocScore, labelledDocuments, scoreDocument, summarise } from "../src/parsing/evaluation.ts";
import { parseCvOffline } from "../src/parsing/offline-parser.ts";
import { analyzeStructure } from "../src/structure/analyze.ts";
import { writeSyntheticCorpus } from "./make-parse-fixtures.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LIMITS = { maxPages: 50, timeoutMs: 30_000, maxUnzippedBytes: 100 * 1024 * 1024 };
/** Corpus convention: an open-ended role runs through November 2026 unless the CV prints its date. */
export const EVAL_NOW = new Date(Date.UTC(2026, 10, 30));

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export async function evaluate(corpusDir: string): Promise<DocScore[]> {
  const scores: DocScore[] = [];
  for (const d of labelledDocuments(corpusDir)) {
    const bytes = new Uint8Array(fs.readFileSync(d.file));
    const doc = await extractDocument(bytes, { filename: path.basename(d.file), limits: LIMITS });
    const structure = analyzeStructure(doc);
    const parsed = parseCvOffline({ doc, structure, now: EVAL_NOW });
    scores.push(scoreDocument(d.id, path.basename(d.file), d.truth, parsed));
  }
  return scores;
}

function printTable(title: string, scores: DocScore[], verbose: boolean): void {
  console.log(`\n${title}`);
  console.log(
    ["document".padEnd(48), "name", "email", "phone", "workF1", "eduF1", "skills", "years"].join("  "),
  );
  for (const s of scores) {
    const mark = (b: boolean) => (b ? "  ok" : "  --");
    console.log(
      [
        `${s.id}/${s.file}`.slice(0, 48).padEnd(48),
        mark(s.name),
        ` ${mark(s.email)}`,
        ` ${mark(s.phone)}`,
        s.work.f1.toFixed(2).padStart(6),
        s.education.f1.toFixed(2).padStart(5),
        (s.skills.recall === null ? "  n/a" : s.skills.recall.toFixed(2)).padStart(6),
        mark(s.years),
      ].join("  "),
    );
    if (verbose) for (const m of s.misses) console.log(`      ${m}`);
  }
  const sum = summarise(scores);
  console.log(
    `\nOVERALL (${sum.documents} documents): name ${pct(sum.name)}  email ${pct(sum.email)}  phone ${pct(sum.phone)}  ` +
      `work F1 ${sum.workF1.toFixed(3)} (macro ${sum.workF1Macro.toFixed(3)})  education F1 ${sum.educationF1.toFixed(3)} ` +
      `(macro ${sum.educationF1Macro.toFixed(3)})  skills recall ${sum.skillsRecall.toFixed(3)}  years ±1 ${pct(sum.years)}`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose") || args.includes("-v");
  const corpusArg = args.indexOf("--corpus");
  if (args.includes("--synthetic")) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-parse-"));
    try {
      const count = await writeSyntheticCorpus(dir);
      printTable(`Synthetic set (${count} CVs, ${dir})`, await evaluate(dir), verbose);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const corpus =
    corpusArg >= 0 ? path.resolve(args[corpusArg + 1] as string) : path.resolve(repoRoot, "../shared/corpus");
  if (!fs.existsSync(corpus)) throw new Error(`corpus not found: ${corpus}`);
  printTable(`Corpus ${corpus}`, await evaluate(corpus), verbose);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}

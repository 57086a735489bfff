// Evaluates the deterministic matcher on the labelled set (test/fixtures/matching/eval-set.json, built by
// scripts/make-match-fixtures.ts from designed profiles): NDCG@10 and pairwise accuracy per JD.
// Each JD goes through the JD builder first, and each CV through blind redaction, as in production.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { redactForMatching } from "../src/matching/blind.ts";
import { matchCv } from "../src/matching/deterministic-matcher.ts";
import { deriveJdRequirements } from "../src/matching/jd-builder.ts";
import { buildEvalSet, type EvalSet } from "./make-match-fixtures.ts";

const TARGET_PAIRWISE = 0.9;

export function ndcgAt(k: number, ranked: number[], ideal: number[]): number {
  const dcg = (rels: number[]) =>
    rels.slice(0, k).reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0);
  const best = dcg([...ideal].sort((a, b) => b - a));
  return best === 0 ? 1 : dcg(ranked) / best;
}

/** Share of pairs with different relevance that the scores order correctly (a tie counts half). */
export function pairwiseAccuracy(items: Array<{ rel: number; score: number }>): {
  accuracy: number;
  pairs: number;
} {
  let good = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      if (a.rel === b.rel) continue;
      pairs++;
      const [hi, lo] = a.rel > b.rel ? [a, b] : [b, a];
      if (hi.score > lo.score) good++;
      else if (hi.score === lo.score) good += 0.5;
    }
  }
  return { accuracy: pairs === 0 ? 1 : good / pairs, pairs };
}

function loadSet(): EvalSet {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const file = path.resolve(here, "../test/fixtures/matching/eval-set.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as EvalSet) : buildEvalSet();
}

export function evaluate(set: EvalSet, verbose: boolean) {
  const now = new Date(set.now);
  const results: Array<{ jd: string; ndcg10: number; pairwise: number; pairs: number }> = [];
  const redacted = set.cvs.map((cv) => ({ cv, ...redactForMatching(cv.parsed, cv.text) }));
  for (const jd of set.jds) {
    const requirements = deriveJdRequirements({ title: jd.title, description: jd.description });
    const scored = redacted.map(({ cv, parsed, cvText }) => {
      const match = matchCv({
        parsed,
        cvText,
        redFlags: [],
        now,
        jd: { title: jd.title, description: jd.description, location: null, requirements },
      });
      return { id: cv.id, rel: set.relevance[jd.id]?.[cv.id] ?? 0, score: match.overall_match_score };
    });
    scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const ndcg10 = ndcgAt(
      10,
      scored.map((s) => s.rel),
      scored.map((s) => s.rel),
    );
    const { accuracy, pairs } = pairwiseAccuracy(scored);
    results.push({ jd: jd.id, ndcg10, pairwise: accuracy, pairs });
    if (verbose) {
      console.log(
        `\n${jd.id}: ${requirements.required_skills.map((s) => `${s.skill}[${s.importance[0]}${s.min_years ? `,${s.min_years}y` : ""}]`).join(" ")}`,
      );
      console.log(`  ranking: ${scored.map((s) => `${s.id}(${s.rel})=${s.score}`).join("  ")}`);
    }
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const set = loadSet();
  const results = evaluate(set, process.argv.includes("--verbose"));
  console.log(
    `\nLabelled set: ${set.jds.length} JDs × ${set.cvs.length} CVs, graded relevance 0–3 (engine: deterministic, blind)`,
  );
  console.log("JD                  NDCG@10  pairwise  (pairs)");
  for (const r of results) {
    console.log(
      `${r.jd.padEnd(20)}${r.ndcg10.toFixed(3).padStart(7)}  ${r.pairwise.toFixed(3).padStart(8)}  (${r.pairs})`,
    );
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const ndcg = mean(results.map((r) => r.ndcg10));
  const pairwise = mean(results.map((r) => r.pairwise));
  console.log(`${"mean".padEnd(20)}${ndcg.toFixed(3).padStart(7)}  ${pairwise.toFixed(3).padStart(8)}`);
  console.log(
    `pairwise accuracy ${pairwise.toFixed(3)} vs target ${TARGET_PAIRWISE} (ratio ${(pairwise / TARGET_PAIRWISE).toFixed(2)})`,
  );
  if (pairwise < TARGET_PAIRWISE) process.exitCode = 1;
}

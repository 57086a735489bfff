// Regression floor for the offline parser on the real corpus (../shared/corpus) and on the synthetic
// set generated from known truth: field scores must stay at or above the targets.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluate } from "../../scripts/eval-parse.ts";
import { writeSyntheticCorpus } from "../../scripts/make-parse-fixtures.ts";
import { extractDocument } from "../../src/extraction/extract.ts";
import { type DocScore, labelledDocuments, summarise } from "../../src/parsing/evaluation.ts";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import { corpusAvailable, corpusDir } from "../support/corpus.ts";

const LIMITS = { maxPages: 50, timeoutMs: 30_000, maxUnzippedBytes: 100 * 1024 * 1024 };

describe.skipIf(!corpusAvailable)("offline parser on the shared corpus", () => {
  let scores: DocScore[] = [];
  beforeAll(async () => {
    scores = await evaluate(corpusDir);
  }, 120_000);

  it("meets the field targets", () => {
    const s = summarise(scores);
    expect(s.documents).toBeGreaterThanOrEqual(12);
    expect(s.name).toBeGreaterThanOrEqual(0.95);
    expect(s.email).toBe(1);
    expect(s.workF1).toBeGreaterThanOrEqual(0.85);
    expect(s.educationF1).toBeGreaterThanOrEqual(0.85);
    expect(s.skillsRecall).toBeGreaterThanOrEqual(0.8);
    expect(s.phone).toBeGreaterThanOrEqual(0.9);
    expect(s.years).toBeGreaterThanOrEqual(0.75);
  });

  it("finds the experience and education sections and the language of every document", async () => {
    for (const d of labelledDocuments(corpusDir)) {
      const bytes = new Uint8Array(fs.readFileSync(d.file));
      const doc = await extractDocument(bytes, { filename: path.basename(d.file), limits: LIMITS });
      const structure = analyzeStructure(doc);
      const kinds = structure.sections.map((x) => x.kind);
      expect(kinds, d.id).toContain("header");
      if (d.truth.work?.length) expect(kinds, d.id).toContain("experience");
      if (d.truth.education?.length) expect(kinds, d.id).toContain("education");
      if (d.truth.skills?.length)
        expect(kinds.includes("skills") || d.id.startsWith("latexcv"), d.id).toBe(true);
      expect(structure.language, d.id).toBe(d.truth.language);
    }
  }, 120_000);
});

describe("offline parser on the synthetic set (PDF, DOCX, TXT; en, fr, es, de)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-parse-test-"));
  let scores: DocScore[] = [];
  beforeAll(async () => {
    await writeSyntheticCorpus(dir, 48, 11);
    scores = await evaluate(dir);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("meets the field targets on every format and language", () => {
    const s = summarise(scores);
    expect(s.documents).toBe(48);
    expect(s.name).toBeGreaterThanOrEqual(0.95);
    expect(s.email).toBe(1);
    expect(s.phone).toBeGreaterThanOrEqual(0.95);
    expect(s.workF1).toBeGreaterThanOrEqual(0.9);
    expect(s.educationF1).toBeGreaterThanOrEqual(0.9);
    expect(s.skillsRecall).toBeGreaterThanOrEqual(0.9);
    expect(s.years).toBeGreaterThanOrEqual(0.9);
    for (const format of ["pdf", "docx", "txt"]) {
      const subset = scores.filter((x) => x.file.endsWith(`.${format}`));
      expect(subset.length, format).toBeGreaterThan(0);
      expect(summarise(subset).workF1, format).toBeGreaterThanOrEqual(0.85);
    }
  });
});

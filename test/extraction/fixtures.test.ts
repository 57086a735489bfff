// Generated CVs (every format and layout) and hostile files, all run through the worker pool.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateExtractionFixtures } from "../../scripts/make-extraction-fixtures.ts";
import { createExtractionPool } from "../../src/extraction/pool.ts";
import { type ExtractedDocument, ExtractionError } from "../../src/extraction/types.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-extraction-"));
const { cvs, hostile } = await generateExtractionFixtures(dir);
const pool = createExtractionPool({
  size: 2,
  limits: { maxPages: 50, timeoutMs: 20_000, maxUnzippedBytes: 20_000_000 },
});

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function read(file: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(dir, file)));
}

/** Lines in reading order, list markers dropped. */
function lines(doc: ExtractedDocument): string[] {
  return doc.pages.flatMap((p) => p.blocks.flatMap((b) => b.lines.map((l) => l.text)));
}

describe("generated CVs", () => {
  it("covers at least 40 CVs across layouts and formats", () => {
    expect(cvs.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(cvs.map((c) => `${c.layout}:${path.extname(c.file)}`));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
  });

  for (const cv of cvs) {
    it(`${path.basename(cv.file)}: text, reading order${cv.hidden ? ", hidden text" : ""}`, async () => {
      const doc = await pool.extract(read(cv.file), path.basename(cv.file));
      const text = doc.text;
      expect(text).toContain(cv.name);
      if (cv.ocr) {
        expect(doc.ocr?.confidence).toBeGreaterThan(0.6);
      } else {
        expect(doc.ocr).toBeUndefined();
        expect(text.replace(/\s+/g, "")).toContain(cv.email);
      }
      // Headings appear in the order a reader meets them, and each section's entries sit under its heading.
      const all = lines(doc);
      const at = cv.headings.map((h) => all.indexOf(h));
      for (const index of at) expect(index).toBeGreaterThanOrEqual(0);
      for (let k = 1; k < at.length; k++) expect(at[k]).toBeGreaterThan(at[k - 1]!);
      if (!cv.ocr) {
        for (const [heading, entries] of Object.entries(cv.sections)) {
          const start = all.indexOf(heading);
          const later = at.filter((i) => i > start);
          const end = later.length > 0 ? Math.min(...later) : all.length;
          const section = all.slice(start, end).join("\n");
          for (const entry of entries) expect(section, `${entry} under ${heading}`).toContain(entry);
        }
      }
      for (const s of cv.present ?? []) expect(text).toContain(s);
      for (const s of cv.absent ?? []) expect(text).not.toContain(s);
      const reasons = new Set(doc.hiddenText.map((h) => h.reason));
      if (cv.hidden) for (const r of cv.hidden) expect([...reasons], r).toContain(r);
      else expect(doc.hiddenText).toEqual([]);
    });
  }
});

describe("hostile files", () => {
  it("has at least 30 hostile files", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  for (const h of hostile) {
    it(`${path.basename(h.file)} (${h.note}) ends in ${h.expect}`, async () => {
      const outcome = await pool.extract(read(h.file), path.basename(h.file)).then(
        (doc) => ({ ok: true as const, doc }),
        (err: unknown) => ({ ok: false as const, err }),
      );
      if (!outcome.ok) {
        expect(outcome.err).toBeInstanceOf(ExtractionError);
        expect((outcome.err as ExtractionError).message.length).toBeGreaterThan(5);
      }
      if (h.expect === "ok") expect(outcome.ok ? "ok" : (outcome.err as ExtractionError).message).toBe("ok");
      else if (h.expect !== "any") {
        expect(outcome.ok ? "resolved" : (outcome.err as ExtractionError).reason).toBe(h.expect);
      }
    });
  }
});

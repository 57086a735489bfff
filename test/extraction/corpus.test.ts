import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../../src/extraction/extract.ts";
import type { ExtractedDocument } from "../../src/extraction/types.ts";
import { corpusAvailable, corpusDocs, readBytes } from "../support/corpus.ts";

const limits = { maxPages: 30, timeoutMs: 30_000, maxUnzippedBytes: 50_000_000 };

async function extract(file: string): Promise<ExtractedDocument> {
  return extractDocument(readBytes(file), { filename: path.basename(file), limits });
}

describe.skipIf(!corpusAvailable)("real corpus", () => {
  for (const doc of corpusDocs()) {
    it(`${doc.id}/${path.basename(doc.file)}: name, e-mail, no false hidden-text findings`, async () => {
      const result = await extract(doc.file);
      const lower = result.text.toLowerCase();
      if (doc.truth.name) expect(lower).toContain(doc.truth.name.toLowerCase().split(" ")[0]);
      if (doc.truth.email) expect(lower.replace(/\s+/g, "")).toContain(doc.truth.email.toLowerCase());
      expect(result.hiddenText).toEqual([]);
      expect(result.pages.length).toBeGreaterThan(0);
      const lines = result.pages.flatMap((p) => p.blocks.flatMap((b) => b.lines));
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        expect(line.text).not.toMatch(/[\uFB00-\uFB06\u00AD]/);
        expect(line.fontSize).toBeGreaterThan(0);
      }
    });
  }

  const byId = (id: string) => corpusDocs().find((d) => d.id === id && d.file.endsWith(".pdf"))!;

  it("latexcv-two-column: the Education column is read before the Experience column", async () => {
    const { text } = await extract(byId("latexcv-two-column").file);
    const education = text.indexOf("\nEducation\n");
    const experience = text.indexOf("\nExperience\n");
    expect(education).toBeGreaterThan(0);
    expect(experience).toBeGreaterThan(education);
    const educationSection = text.slice(education, experience);
    // Every education entry sits in the section; no experience entry leaks into it.
    for (const school of ["Bachelor Studies Digital Media", "Semester Abroad", "Master Project - PrIMA"]) {
      expect(educationSection).toContain(school);
    }
    for (const job of ["We4IT", "Fullstack Javascript Engineer", "Getoq Consulting"]) {
      expect(educationSection).not.toContain(job);
    }
    // Hyphenation across lines is undone.
    expect(text).toContain("Semi Automated Scoring in Technology");
  });

  it("altacv-sample: main column and sidebar sections stay contiguous", async () => {
    const result = await extract(byId("altacv-sample").file);
    const page1 = result.pages[0]!.blocks.flatMap((b) => b.lines.map((l) => l.text));
    const experience = page1.indexOf("EXPERIENCE");
    const projects = page1.indexOf("PROJECTS");
    expect(experience).toBeGreaterThanOrEqual(0);
    expect(projects).toBeGreaterThan(experience);
    const between = page1.slice(experience, projects);
    expect(between.some((l) => l.includes("MY LIFE PHILOSOPHY") || l.includes("Fantastic Achievement"))).toBe(
      false,
    );
    expect(result.links).toContain("https://github.com/your_id");
  });

  it("headings carry bold and larger font sizes", async () => {
    const result = await extract(byId("rendercv-classic").file);
    const lines = result.pages.flatMap((p) => p.blocks.flatMap((b) => b.lines));
    const name = lines.find((l) => l.text === "John Doe");
    expect(name).toBeDefined();
    const bodySize = lines.map((l) => l.fontSize).sort((a, b) => a - b)[Math.floor(lines.length / 2)]!;
    expect(name!.fontSize).toBeGreaterThan(bodySize);
    expect(lines.some((l) => l.bold)).toBe(true);
    expect(lines.some((l) => l.listItem)).toBe(true);
  });

  it("pandoc DOCX: paragraphs, headings and links", async () => {
    const docx = corpusDocs().find((d) => d.file.endsWith(".docx"))!;
    const result = await extract(docx.file);
    expect(result.format).toBe("docx");
    expect(result.text).toContain("Martin Piegay");
    expect(result.text.toLowerCase()).toContain("experience");
  });
});

// findGithubUsername on the real CVs of the shared corpus: the text and link annotations of each PDF (read
// here with pdfjs directly, independent of the extraction stage) against the hand-checked GitHub link in
// truth.json. A CV without a GitHub link must yield no username.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { findGithubUsername, usernameFromUrl } from "../../src/github/username.ts";
import { corpusAvailable, corpusDir } from "../support/corpus.ts";

interface Truth {
  file: string;
  links?: Record<string, string>;
}

async function pdfTextAndLinks(file: string): Promise<{ text: string; links: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  const lines: string[] = [];
  const links: string[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if ("str" in item) lines.push(item.hasEOL ? `${item.str}\n` : item.str);
      }
      for (const annotation of await page.getAnnotations()) {
        if (typeof annotation.url === "string") links.push(annotation.url);
      }
    }
  } finally {
    await doc.destroy();
  }
  return { text: lines.join(""), links };
}

const cases = corpusAvailable
  ? readdirSync(corpusDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(corpusDir, d.name, "truth.json")))
      .map((d) => {
        const truth = JSON.parse(readFileSync(path.join(corpusDir, d.name, "truth.json"), "utf8")) as Truth;
        return {
          name: d.name,
          file: path.join(corpusDir, d.name, truth.file),
          github: truth.links?.github ?? null,
        };
      })
      .filter((c) => c.file.endsWith(".pdf"))
  : [];

describe.skipIf(!corpusAvailable)("findGithubUsername on the corpus", () => {
  it("finds at least some PDFs to check", () => {
    expect(cases.length).toBeGreaterThan(5);
  });

  it.each(cases)("$name", async ({ file, github }) => {
    const { text, links } = await pdfTextAndLinks(file);
    // The truth's link may itself break GitHub's rules (a "your_id" placeholder): then no username.
    const expected = github ? (usernameFromUrl(github)?.user ?? null) : null;
    const found = findGithubUsername({ links, text, parsedGithub: null });
    expect(found?.toLowerCase() ?? null).toBe(expected?.toLowerCase() ?? null);
  });
});

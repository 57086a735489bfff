import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { toJsonResume } from "../../src/parsing/json-resume.ts";
import { parseCvOffline } from "../../src/parsing/offline-parser.ts";
import { emptyParsedCv } from "../../src/parsing/schema.ts";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import { docFromLines } from "./build-doc.ts";

// The published schema package and its own validator (jsonschema, formats checked).
const require = createRequire(import.meta.url);
const { validate } = require("@jsonresume/schema") as {
  validate: (doc: unknown, cb: (errors: unknown[] | null, valid: boolean) => void) => void;
};

function errorsOf(doc: unknown): unknown[] {
  let out: unknown[] = [];
  validate(doc, (errors) => {
    out = errors ?? [];
  });
  return out;
}

describe("toJsonResume", () => {
  it("turns a full parse into a valid JSON Resume document", () => {
    const doc = docFromLines([
      { text: "Claire Martin", size: 22, bold: true },
      "claire.martin@example.fr • +33 6 12 34 56 78 • Lyon, France • www.claire.dev • linkedin.com/in/claire",
      "",
      "## Expérience",
      "**Acme SAS",
      "Ingénieur logiciel Juin 17 – Aujourd'hui",
      "- Conception de services",
      "",
      "## Formation",
      "**Université Lyon 1",
      "Master Informatique 2015 – 2017",
      "",
      "## Compétences",
      "Python, Docker",
      "",
      "## Langues",
      "Anglais (courant)",
    ]);
    doc.links.push("https://www.claire.dev/", "https://linkedin.com/in/claire");
    const parsed = parseCvOffline({
      doc,
      structure: analyzeStructure(doc),
      now: new Date(Date.UTC(2026, 10, 30)),
    });
    const resume = toJsonResume(parsed);
    expect(errorsOf(resume)).toEqual([]);
    expect(resume).toMatchObject({
      basics: { name: "Claire Martin", email: "claire.martin@example.fr", phone: "+33612345678" },
      work: [{ name: "Acme SAS", position: "Ingénieur logiciel", startDate: "2017-06" }],
      education: [
        { institution: "Université Lyon 1", studyType: "Master", startDate: "2015", endDate: "2017" },
      ],
      languages: [{ language: "Anglais", fluency: "courant" }],
    });
    expect((resume.basics as { profiles: unknown[] }).profiles).toContainEqual({
      network: "LinkedIn",
      url: "https://linkedin.com/in/claire",
      username: "claire",
    });
  });

  it("writes an empty parse as a valid (near-empty) document, inventing nothing", () => {
    const resume = toJsonResume(emptyParsedCv());
    expect(errorsOf(resume)).toEqual([]);
    expect(Object.keys(resume)).toEqual(["$schema"]);
  });

  it("gives scheme-less links a scheme so they are valid URIs", () => {
    const cv = {
      ...emptyParsedCv(),
      links: { linkedin: null, github: "github.com/octo", website: "example.org" },
    };
    const resume = toJsonResume(cv);
    expect(errorsOf(resume)).toEqual([]);
    expect((resume.basics as { url: string }).url).toBe("https://example.org/");
  });

  it("is rejected by the validator when a field breaks the schema (the check can fail)", () => {
    const resume = toJsonResume({ ...emptyParsedCv(), candidate_name: "A B" });
    (resume.basics as Record<string, unknown>).email = "not an email";
    expect(errorsOf(resume).length).toBeGreaterThan(0);
  });
});

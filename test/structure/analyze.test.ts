import { describe, expect, it } from "vitest";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import { matchHeading } from "../../src/structure/headings.ts";
import { detectLanguage } from "../../src/structure/language.ts";
import { docFromLines } from "../parsing/build-doc.ts";

const kinds = (lines: Parameters<typeof docFromLines>[0]) =>
  analyzeStructure(docFromLines(lines)).sections.map((s) => s.kind);

describe("heading vocabulary", () => {
  it.each([
    ["Work Experience", "experience"],
    ["EXPÉRIENCE PROFESSIONNELLE", "experience"],
    ["Experiencia laboral", "experience"],
    ["Berufserfahrung", "experience"],
    ["Experiência Profissional", "experience"],
    ["Formación académica", "education"],
    ["Ausbildung", "education"],
    ["Formação", "education"],
    ["Skills & Tools", "skills"],
    ["Compétences & Outils", "skills"],
    ["Programming Languages", "skills"],
    ["Idiomas", "languages"],
    ["Sprachkenntnisse", "languages"],
    ["Honors & Awards", "awards"],
    ["Certificaciones", "certifications"],
    ["Publications", "publications"],
    ["Projets", "projects"],
    ["Volunteer Experience", "other"],
    ["Zusammenfassung", "summary"],
  ])("%s is a %s heading", (text, kind) => {
    expect(matchHeading(text)?.kind).toBe(kind);
  });

  it("does not take a sentence for a heading", () => {
    expect(matchHeading("Developed the experience layer of the app for 2 years")).toBeNull();
  });
});

describe("analyzeStructure", () => {
  it("splits on bold, larger headings and keeps the header block", () => {
    expect(
      kinds([
        { text: "Ana Souza", size: 22, bold: true },
        "ana@example.com | +55 11 91234-5678",
        "",
        "## Experiência Profissional",
        "**Empresa X",
        "Desenvolvedora 2019 – atual",
        "",
        "## Formação",
        "**Universidade de São Paulo",
        "",
        "## Competências",
        "Python, SQL",
      ]),
    ).toEqual(["header", "experience", "education", "skills"]);
  });

  it("finds upper-case headings in plain text with no styles", () => {
    const doc = docFromLines(
      [
        "Jean Dupont",
        "jean@example.fr",
        "",
        "EXPÉRIENCE",
        "",
        "Ingénieur, Acme – Lyon 2019 – 2021",
        "",
        "FORMATION",
        "",
        "Master, Université Lyon 1 2015 – 2017",
      ],
      "txt",
    );
    const s = analyzeStructure(doc);
    expect(s.sections.map((x) => x.kind)).toEqual(["header", "experience", "education"]);
    expect(s.sections[1]?.heading).toBe("EXPÉRIENCE");
  });

  it("treats unknown wording in the headings' exact look as a section of its own", () => {
    expect(
      kinds([
        { text: "Lee Park", size: 22 },
        "",
        { text: "EXPERIENCE", bold: true, size: 14 },
        "**Acme",
        "",
        { text: "EDUCATION", bold: true, size: 14 },
        "**MIT",
        "",
        { text: "MY LIFE PHILOSOPHY", bold: true, size: 14 },
        "Ship small things.",
      ]),
    ).toEqual(["header", "experience", "education", "other"]);
  });

  it("does not break a section on a smaller keyword sub-heading", () => {
    expect(
      kinds([
        { text: "Lee Park", size: 22 },
        "",
        "## Skills",
        { text: "Programming Languages", bold: true, size: 10 },
        "Python, Go",
      ]),
    ).toEqual(["header", "skills"]);
  });

  it("still finds sections when there are no headings", () => {
    const s = analyzeStructure(
      docFromLines([
        "Maria Lopez",
        "maria@example.es",
        "",
        "Acme Corp, Backend Developer 2018 – 2022",
        "Built the billing service",
        "",
        "Grado en Ingeniería Informática, Universidad de Sevilla 2014 – 2018",
        "",
        "Python, Docker, Kubernetes, PostgreSQL, Git",
      ]),
    );
    expect(s.sections.map((x) => x.kind)).toEqual(["header", "experience", "education", "skills"]);
  });

  it("drops page numbers and running footers repeated on every page", () => {
    const doc = docFromLines(["Jo Bloggs", "", "## Experience", "**Acme", "Engineer 2020 – 2021"]);
    const footer = (page: number) => ({
      text: `Jo Bloggs – ${page}/2`,
      page,
      x: 250,
      y: 820,
      width: 80,
      height: 10,
      fontSize: 8,
      bold: false,
      italic: false,
      listItem: false,
    });
    doc.pages[0]?.blocks.push({ lines: [footer(1)] });
    doc.pages.push({ number: 2, width: 595, height: 842, blocks: [{ lines: [footer(2)] }] });
    const texts = analyzeStructure(doc).sections.flatMap((s) => s.lines.map((l) => l.text));
    expect(texts.some((t) => t.includes("1/2") || t.includes("2/2"))).toBe(false);
  });
});

describe("language detection", () => {
  it.each([
    [
      "en",
      "I have worked as a software engineer for five years and I led the team that built the platform of the company.",
    ],
    [
      "fr",
      "J'ai travaillé pendant cinq ans comme ingénieur et je suis responsable de la conception des services pour les clients de la société.",
    ],
    [
      "es",
      "He trabajado durante cinco años como ingeniero y soy responsable del diseño de los servicios para los clientes de la empresa.",
    ],
    [
      "de",
      "Ich habe fünf Jahre als Ingenieur gearbeitet und bin für die Entwicklung der Dienste für die Kunden des Unternehmens verantwortlich.",
    ],
    [
      "pt",
      "Trabalhei durante cinco anos como engenheiro e sou responsável pelo desenvolvimento dos serviços para os clientes da empresa.",
    ],
  ])("detects %s", (lang, text) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it("says und when there is too little text", () => {
    expect(detectLanguage("Python Java")).toBe("und");
  });
});

import { describe, expect, it } from "vitest";
import { NoTextError } from "../../src/parsing/errors.ts";
import { parseCvOffline } from "../../src/parsing/offline-parser.ts";
import { parsedCvSchema } from "../../src/parsing/schema.ts";
import { totalExperienceYears } from "../../src/parsing/total-years.ts";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import { docFromLines } from "./build-doc.ts";

const NOW = new Date(Date.UTC(2026, 10, 30));

function parse(lines: Parameters<typeof docFromLines>[0], format: "pdf" | "txt" = "pdf") {
  const doc = docFromLines(lines, format);
  const parsed = parseCvOffline({ doc, structure: analyzeStructure(doc), now: NOW });
  expect(parsedCvSchema.safeParse(parsed).success).toBe(true);
  return parsed;
}

const HEADER = [
  { text: "Claire Martin", size: 22, bold: true },
  "claire.martin@example.fr • +33 6 12 34 56 78 • Lyon, France",
  "",
];

describe("parseCvOffline", () => {
  it("reads contacts: name, e-mail, a French phone as E.164, the city", () => {
    const cv = parse([...HEADER, "## Expérience", "**Acme SAS", "Ingénieur logiciel Juin 17 – Aujourd'hui"]);
    expect(cv.candidate_name).toBe("Claire Martin");
    expect(cv.email).toBe("claire.martin@example.fr");
    expect(cv.phone).toBe("+33612345678");
    expect(cv.location).toBe("Lyon, France");
  });

  it("keeps several roles at one company as separate entries", () => {
    const cv = parse([
      ...HEADER,
      "## Work Experience",
      "**Globex Corporation, Berlin, Germany",
      "Senior Software Engineer  03/2021 – present",
      "- Led the payments team",
      "Software Engineer  01/2018 – 02/2021",
      "- Built the ledger",
      "**Initech",
      "Intern  Summer 2017",
    ]);
    expect(cv.experience.map((e) => [e.company, e.title])).toEqual([
      ["Globex Corporation", "Senior Software Engineer"],
      ["Globex Corporation", "Software Engineer"],
      ["Initech", "Intern"],
    ]);
    expect(cv.experience[0]?.is_current).toBe(true);
    expect(cv.current_company).toBe("Globex Corporation");
  });

  it("reads role-first one-line entries with the place and dates on the same line", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "**Backend Developer, Quantix Labs – Boston, MA  Jan 2020 – Dec 2022",
      "- Wrote services",
      "**Data Analyst, Helios Energy – Austin, TX  2017 – 2019",
    ]);
    expect(cv.experience.map((e) => [e.title, e.company, e.location])).toEqual([
      ["Backend Developer", "Quantix Labs", "Boston, MA"],
      ["Data Analyst", "Helios Energy", "Austin, TX"],
    ]);
  });

  it("reads date-first entries in Spanish", () => {
    const cv = parse([
      { text: "Luis Navarro", size: 22 },
      "luis@example.es | +34 612 345 678",
      "",
      "## Experiencia profesional",
      "**marzo 2020 – actualidad  Desarrollador backend, Mercado Digital, Madrid",
      "- Desarrollo de servicios",
      "**enero 2017 – febrero 2020  Analista de datos, Banco Solar S.A., Sevilla",
    ]);
    expect(cv.experience.map((e) => [e.title, e.company, e.start_date, e.end_date, e.is_current])).toEqual([
      ["Desarrollador backend", "Mercado Digital", "2020-03", null, true],
      ["Analista de datos", "Banco Solar S.A.", "2017-01", "2020-02", false],
    ]);
    expect(cv.phone).toBe("+34612345678");
  });

  it("keeps entries without dates and leaves their dates empty", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "**Employer One",
      "Consultant",
      "- Advised clients",
      "**Employer Two",
      "Analyst",
    ]);
    expect(cv.experience.map((e) => [e.company, e.title, e.start_date, e.end_date])).toEqual([
      ["Employer One", "Consultant", null, null],
      ["Employer Two", "Analyst", null, null],
    ]);
    expect(cv.total_experience_years).toBeNull();
  });

  it("keeps two degrees at one school apart and merges two lines about one degree", () => {
    const cv = parse([
      ...HEADER,
      "## Education",
      "**Technische Universität München",
      "M.Sc. Informatik 2017 – 2019",
      "**Technische Universität München",
      "B.Sc. Informatik 2014 – 2017",
      "**Master Studies Informatics - University of Leeds 2020 - 2022",
      "**Graduated as MSc Informatics - University of Leeds 2022 / 07",
    ]);
    expect(cv.education.map((e) => [e.institution, e.degree])).toEqual([
      ["Technische Universität München", "M.Sc."],
      ["Technische Universität München", "B.Sc."],
      ["University of Leeds", "MSc"],
    ]);
  });

  it("counts total experience as the union of dated roles, present through the processing month", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "**Acme",
      "Engineer 05/2023 – present",
      "**Globex",
      "Engineer 01/2022 – 12/2023",
    ]);
    // Jan 2022 .. Nov 2026 inclusive = 59 months.
    expect(cv.total_experience_years).toBe(4.9);
  });

  it("counts year-only dates from mid-year and seasons as their months", () => {
    const year = (y: number) => ({ year: y, month: null, season: null });
    expect(
      totalExperienceYears([{ start: year(2014), end: year(2016), current: false }], {
        year: 2026,
        month: 11,
      }),
    ).toBe(2);
    const summer = { year: 2022, month: null, season: [6, 8] as [number, number] };
    expect(
      totalExperienceYears([{ start: summer, end: summer, current: false }], { year: 2026, month: 11 }),
    ).toBe(0.3);
  });

  it("never invents: what the CV does not show stays empty", () => {
    const cv = parse(["Sam Taylor", "sam@example.com", "", "## Skills", "Python, SQL"]);
    expect(cv.phone).toBeNull();
    expect(cv.location).toBeNull();
    expect(cv.experience).toEqual([]);
    expect(cv.education).toEqual([]);
    expect(cv.total_experience_years).toBeNull();
    expect(cv.links).toEqual({ linkedin: null, github: null, website: null });
    expect(cv.skills.map((s) => s.name)).toEqual(["Python", "SQL"]);
  });

  it("canonicalises skills through the taxonomy and splits tag rows", () => {
    const cv = parse([
      ...HEADER,
      "## Skills & Tools",
      "HTML CSS Python",
      "Backend: Node.js, Spring(Boot, MVC), k8s",
    ]);
    expect(cv.skills.map((s) => s.name)).toEqual([
      "HTML",
      "CSS",
      "Python",
      "Node.js",
      "Spring(Boot, MVC)",
      "k8s",
    ]);
    expect(cv.skills.find((s) => s.name === "k8s")?.canonical).toBe("kubernetes");
    expect(cv.skills.find((s) => s.name === "Python")?.category).toBe("programming-language");
  });

  it("reads spoken languages without their levels", () => {
    const cv = parse([
      ...HEADER,
      "## Langues",
      "Français – langue maternelle",
      "Anglais (courant)",
      "Espagnol B2",
    ]);
    expect(cv.languages.map((l) => l.language)).toEqual(["Français", "Anglais", "Espagnol"]);
    expect(cv.languages[0]?.proficiency).toBe("langue maternelle");
  });

  it("throws NoTextError on empty or near-empty text", () => {
    const empty = docFromLines(["  "]);
    expect(() => parseCvOffline({ doc: empty, structure: analyzeStructure(empty), now: NOW })).toThrow(
      NoTextError,
    );
    const tiny = docFromLines(["CV", "1/1"]);
    expect(() => parseCvOffline({ doc: tiny, structure: analyzeStructure(tiny), now: NOW })).toThrow(
      NoTextError,
    );
  });
});

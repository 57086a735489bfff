// Gaps found by a QA pass over the real-CV corpus, each written as a small hand-built CV.
import { describe, expect, it } from "vitest";
import { parseCvOffline } from "../../src/parsing/offline-parser.ts";
import { parsedCvSchema } from "../../src/parsing/schema.ts";
import { analyzeStructure } from "../../src/structure/analyze.ts";
import { docFromLines } from "./build-doc.ts";

const NOW = new Date(Date.UTC(2026, 10, 30));

function parse(lines: Parameters<typeof docFromLines>[0]) {
  const doc = docFromLines(lines);
  const parsed = parseCvOffline({ doc, structure: analyzeStructure(doc), now: NOW });
  expect(parsedCvSchema.safeParse(parsed).success).toBe(true);
  return parsed;
}

const HEADER = [{ text: "Dana Whitfield", size: 22, bold: true }, "dana.whitfield@example.com", ""];

describe("current role when no role is running", () => {
  it("falls back to the most recent role, keeping is_current false", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "**Software Engineer, Helios Energy  Jan 2023 – Mar 2025",
      "- Built the billing system",
      "**Junior Developer, Quantix Labs  Jan 2019 – Dec 2022",
      "- Wrote services",
    ]);
    expect(cv.experience.every((e) => !e.is_current)).toBe(true);
    expect(cv.current_role).toBe("Software Engineer");
    expect(cv.current_company).toBe("Helios Energy");
  });

  it("stays null without any role", () => {
    const cv = parse([...HEADER, "## Skills", "TypeScript, Go"]);
    expect(cv.current_role).toBeNull();
    expect(cv.current_company).toBeNull();
  });
});

describe("a lone start date followed by a dash", () => {
  it("runs to present on the newest role; an older lone date stays one month", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "2016 / 09 - Nordwind GmbH",
      "**Fullstack Engineer",
      "- Built the classroom app",
      "2012 - 2014 - Helios Energy",
      "**Data Analyst",
      "- Reports",
      "2011 / 11 - Quantix Labs",
      "**Simulation Training",
      "- Two days",
    ]);
    const [first, , last] = cv.experience;
    expect(first?.start_date).toBe("2016-09");
    expect(first?.end_date).toBeNull();
    expect(first?.is_current).toBe(true);
    expect(last?.start_date).toBe("2011-11");
    expect(last?.end_date).toBe("2011-11");
    expect(last?.is_current).toBe(false);
    // 2016-09 through 2026-11, 2012-07..2014-07 and 2011-11.
    expect(cv.total_experience_years).toBe(12.3);
  });
});

describe("home location from the header or the contact block", () => {
  const role = ["## Experience", "**Software Engineer, Helios Energy – Boston, MA  2020 – 2023"];

  it("finds a place run together with e-mail, phone and profile links", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "dana@example.com 123-456-7890 Austin, TX linkedin.com/in/dana",
      "",
      ...role,
    ]);
    expect(cv.location).toBe("Austin, TX");
  });

  it("finds a place leading a row before contact items", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "San Diego, CA dana@example.com example.dev",
      "",
      ...role,
    ]);
    expect(cv.location).toBe("San Diego, CA");
  });

  it("reads a district, city and country line whole", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "Data Engineer",
      "Gangnam-gu, Seoul, South Korea",
      "(+82) 10-1234-5678 | dana@example.com",
      "",
      ...role,
    ]);
    expect(cv.location).toBe("Gangnam-gu, Seoul, South Korea");
  });

  it("takes a country-named place closing a row of two merged columns", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "Status: M.Sc. Physics, Research Assistant Leipzig, Germany",
      "Techs: Python, SQL dana@example.com",
      "",
      ...role,
    ]);
    expect(cv.location).toBe("Leipzig, Germany");
  });

  it("reads the place beside a contact block printed at the end", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "",
      ...role,
      "## Others",
      "dana@example.com • +33 6 12 34 56 78",
      "Nantes, France",
    ]);
    expect(cv.location).toBe("Nantes, France");
  });

  it("never takes an employer's place when the header prints none", () => {
    const cv = parse([
      { text: "Dana Whitfield", size: 22, bold: true },
      "dana@example.com | github.com/dana",
      "",
      ...role,
    ]);
    expect(cv.location).toBeNull();
  });
});

describe("skills section cleaning", () => {
  const names = (cv: ReturnType<typeof parse>) => cv.skills.map((s) => s.name);

  it("drops group headings above bullet lists, a heading wrapped over two lines included", () => {
    const cv = parse([
      ...HEADER,
      "## Skills",
      "**Programming Languages",
      "- Java, Golang, SQL",
      "**DevOps and",
      "**tools",
      "- Git, Maven, Docker",
      "**Methodologies",
      "- Agile (Scrum), Pair Programming",
    ]);
    expect(names(cv)).toEqual([
      "Java",
      "Golang",
      "SQL",
      "Git",
      "Maven",
      "Docker",
      "Agile (Scrum)",
      "Pair Programming",
    ]);
  });

  it("drops bold group headings above plain rows but keeps tag rows and single-skill lines", () => {
    const cv = parse([
      ...HEADER,
      "## Skills",
      "**Backend Frameworks",
      "Spring, Django",
      "HTML CSS Python",
      "- Tech: Redis, GraphQL",
    ]);
    expect(names(cv)).toEqual(["Spring", "Django", "HTML", "CSS", "Python", "Redis", "GraphQL"]);
  });

  it("strips a stray mark before an item but keeps .NET", () => {
    const cv = parse([...HEADER, "## Skills", "Meteor, Mongo,. Bootstrap, .NET, Git"]);
    expect(names(cv)).toEqual(["Meteor", "Mongo", "Bootstrap", ".NET", "Git"]);
  });
});

describe("an internship still 'present' years later", () => {
  it("gives no total rather than years of experience", () => {
    const cv = parse([
      ...HEADER,
      "## Experience",
      "**Summer Intern, Helios Energy  2012 – Present",
      "- Built a tool",
    ]);
    expect(cv.experience[0]?.is_current).toBe(true);
    expect(cv.total_experience_years).toBeNull();
  });

  it("keeps the total of a recent internship and of long-running ordinary roles", () => {
    const recent = parse([
      ...HEADER,
      "## Experience",
      "**Software Intern, Helios Energy  Mar 2026 – Present",
    ]);
    expect(recent.total_experience_years).toBe(0.8);
    const senior = parse([...HEADER, "## Experience", "**Software Engineer, Helios Energy  2012 – Present"]);
    expect(senior.total_experience_years).toBe(14.4);
  });
});

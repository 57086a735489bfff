import { describe, expect, it } from "vitest";
import {
  allSkills,
  findSkillsInText,
  impliedSkills,
  lookupSkill,
  relatedSkills,
  skillIdFromName,
  taxonomyProblems,
} from "../../src/skills/taxonomy.ts";

const ids = (text: string) => findSkillsInText(text).map((m) => m.id);

describe("taxonomy data", () => {
  it("ships at least 1,000 skills and is internally consistent", () => {
    expect(allSkills().length).toBeGreaterThanOrEqual(1000);
    expect(taxonomyProblems()).toEqual([]);
  });

  it("derives stable ids from names", () => {
    expect(skillIdFromName("C++")).toBe("cpp");
    expect(skillIdFromName("C#")).toBe("csharp");
    expect(skillIdFromName(".NET")).toBe("dotnet");
    expect(skillIdFromName("Node.js")).toBe("node-js");
  });
});

describe("lookupSkill", () => {
  it.each([
    ["JS", "javascript"],
    ["javascript", "javascript"],
    ["k8s", "kubernetes"],
    ["Postgres", "postgresql"],
    ["Structured Query Language", "sql"],
    ["golang", "go"],
    ["C++", "cpp"],
    ["c#", "csharp"],
    [".NET Core", "dotnet"],
    ["ReactJS", "react"],
    ["react.js", "react"],
    ["Python 3.11", "python"],
    ["React (Hooks)", "react"],
    ["node", "node-js"],
    ["AWS", "amazon-web-services"],
    ["Amazon Web Services", "amazon-web-services"],
    ["scikit learn", "scikit-learn"],
    ["CI/CD", "ci-cd"],
    ["Team player", "teamwork"],
  ])("%s → %s", (name, id) => {
    expect(lookupSkill(name)?.id).toBe(id);
  });

  it("keeps Java and JavaScript apart", () => {
    expect(lookupSkill("Java")?.id).toBe("java");
    expect(lookupSkill("JavaScript")?.id).toBe("javascript");
  });

  it("returns null for unknown or empty names", () => {
    expect(lookupSkill("Underwater basket weaving")).toBeNull();
    expect(lookupSkill("  ")).toBeNull();
  });

  it("carries a category", () => {
    expect(lookupSkill("PostgreSQL")?.category).toBe("database");
  });
});

describe("findSkillsInText", () => {
  it("does not read 'reliable' systems or an SRE title as the soft skill Work ethic", () => {
    expect(ids("You will keep production reliable and improve reliability")).not.toContain("work-ethic");
    expect(ids("Site Reliability Engineer — Hooli")).toEqual(["site-reliability-engineering"]);
    // Still an item of a skills list.
    expect(lookupSkill("Reliable")?.id).toBe("work-ethic");
  });

  it("does not see Java inside JavaScript, nor JavaScript in Java", () => {
    expect(ids("Senior JavaScript engineer")).toEqual(["javascript"]);
    expect(ids("Senior Java engineer")).toEqual(["java"]);
    expect(ids("Java, JavaScript and Java Script")).toEqual(["java", "javascript", "javascript"]);
  });

  it("never finds R, C or Go inside other words", () => {
    expect(ids("Research and Reporting in Chicago; Google; good governance; Cargo")).not.toEqual(
      expect.arrayContaining(["r", "c", "go"]),
    );
    expect(ids("R&D, C-level, Q&A, let's go, the R's")).toEqual([]);
  });

  it("finds R, C and Go as words", () => {
    expect(ids("Analysis in R and Python")).toEqual(["r", "python"]);
    expect(ids("Services in Go and C")).toEqual(["go", "c"]);
  });

  it("handles C++, C#, .NET, ASP.NET and Node.js", () => {
    expect(ids("C++ and C# on .NET with ASP.NET Core; Node.js")).toEqual([
      "cpp",
      "csharp",
      "dotnet",
      "asp-net",
      "node-js",
    ]);
    expect(ids("C/C++ embedded")).toEqual(["c", "cpp", "embedded-systems"]);
  });

  it("resolves aliases and spacing variants to canonical ids", () => {
    expect(ids("k8s, Postgres, React-Native and react native")).toEqual([
      "kubernetes",
      "postgresql",
      "react-native",
      "react-native",
    ]);
  });

  it("keeps a version suffix attached to its skill", () => {
    expect(ids("Python3, HTML5, CSS3")).toEqual(["python", "html", "css"]);
  });

  it("ignores ordinary words that are also skill names unless capitalised", () => {
    expect(ids("we go to spring events and excel at work")).toEqual([]);
    expect(ids("Spring Boot and Excel")).toEqual(["spring-boot", "microsoft-excel"]);
  });

  it("reports the text as written and its offset", () => {
    const [m] = findSkillsInText("Uses K8s daily");
    expect(m).toEqual({ id: "kubernetes", name: "Kubernetes", match: "K8s", index: 5 });
  });
});

describe("impliedSkills through families", () => {
  it("gives a specific skill its general family (Amazon VPC → AWS → Cloud computing)", () => {
    expect(impliedSkills(lookupSkill("VPC")!.id)).toEqual(["amazon-web-services", "cloud-computing"]);
    expect(impliedSkills("microsoft-azure")).toContain("cloud-computing");
    expect(impliedSkills("git")).toContain("version-control");
    // Never the other way: the general skill implies no specific one.
    expect(impliedSkills("cloud-computing")).toEqual([]);
  });
});

describe("relatedSkills", () => {
  it("relates Kubernetes to other orchestrators, symmetrically", () => {
    expect(relatedSkills("kubernetes")).toEqual(
      expect.arrayContaining(["docker-swarm", "amazon-ecs", "nomad"]),
    );
    expect(relatedSkills("nomad")).toContain("kubernetes");
  });

  it("is empty for an unrelated or unknown id", () => {
    expect(relatedSkills("no-such-skill")).toEqual([]);
  });
});

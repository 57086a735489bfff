import { describe, expect, it } from "vitest";
import { isHeadcountMention } from "../../src/skills/headcount.ts";
import { findSkillsInText } from "../../src/skills/taxonomy.ts";

/** Names of the skills in `text`, with those counting colleagues marked "(team)". */
function read(text: string): string[] {
  return findSkillsInText(text).map((m) => (isHeadcountMention(text, m) ? `${m.name} (team)` : m.name));
}

describe("isHeadcountMention", () => {
  it("sees team-composition counts as colleagues", () => {
    expect(read("Agile Scrum, auto organized team with 6 dev/devops and 5 functional coworkers")).toContain(
      "DevOps (team)",
    );
    expect(read("Methodology: Agile Scrum, 3 dev, 1 devops, remote clients")).toEqual([
      "Agile",
      "Scrum",
      "DevOps (team)",
    ]);
    expect(read("Managed 2 DevOps engineers")).toEqual(["DevOps (team)"]);
  });

  it("keeps counted things and versions that are the writer's own", () => {
    expect(read("Built 3 React apps with Java 8 Spring Boot")).toEqual(["React", "Java", "Spring Boot"]);
    expect(read("Migrated 12 Kubernetes clusters")).toEqual(["Kubernetes"]);
    expect(read("DevOps engineer in a team of 6")).toEqual(["DevOps"]);
  });
});

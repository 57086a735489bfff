import { describe, expect, it } from "vitest";
import { isOrganisationMention } from "../../src/skills/org-names.ts";
import { findSkillsInText } from "../../src/skills/taxonomy.ts";

/** Names of the skills in `text` that are not part of an organisation's name. */
function own(text: string): string[] {
  return findSkillsInText(text)
    .filter((m) => !isOrganisationMention(text, m))
    .map((m) => m.name);
}

describe("isOrganisationMention", () => {
  it("sees a skill word in a certificate issuer's name", () => {
    expect(own("Certified Kubernetes Application Developer (CKAD), The Linux Foundation")).toEqual([
      "Kubernetes",
    ]);
    expect(own("Fellow of the Python Software Foundation")).toEqual([]);
  });

  it("keeps a skill followed by ordinary words", () => {
    expect(own("Linux administration and Python scripting")).toEqual(["Linux", "Python"]);
    expect(own("Built the foundation of our Linux fleet")).toContain("Linux");
  });
});

import { describe, expect, it } from "vitest";
import { matchPrompt } from "../../src/llm/match-prompt.ts";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { type JobDescriptionInput, jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { emptyParsedCv } from "../../src/parsing/schema.ts";

function prompt(requirements: unknown) {
  const jd: JobDescriptionInput = {
    title: "Backend Engineer",
    description: "Python or Go; Docker.",
    location: null,
    requirements: jdRequirementsSchema.parse(requirements),
  };
  const deterministic = matchCv({
    parsed: emptyParsedCv(),
    cvText: "",
    jd,
    redFlags: [],
    now: new Date("2026-06-15T00:00:00Z"),
  });
  return matchPrompt({ deterministic, jd, blindCvText: "" });
}

describe("matchPrompt: requirements with alternatives", () => {
  it("renders a requirement with alternatives as 'Python or Go'", () => {
    const { system, user } = prompt({
      required_skills: [{ skill: "Python", alternatives: ["Go"] }, { skill: "Docker" }],
    });
    expect(system).toContain('{"skill":"Python or Go","importance":"important"}');
    expect(system).toContain('{"skill":"Docker","importance":"important"}');
    expect(system).not.toContain('"alternatives"');
    // The assessment lists the unmet group once, by the same name.
    expect(user).toContain('"skill":"Python or Go"');
  });

  it("leaves requirements without alternatives as they were", () => {
    const req = { required_skills: [{ skill: "Docker", importance: "critical", min_years: 2 }] };
    expect(prompt(req).system).toContain(JSON.stringify(jdRequirementsSchema.parse(req).required_skills));
  });
});

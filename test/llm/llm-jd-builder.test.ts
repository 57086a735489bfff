import { afterEach, describe, expect, it } from "vitest";
import { deriveJdRequirementsWithLlm, groundRequirements } from "../../src/llm/llm-jd-builder.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import type { FakeLlmServer } from "../support/fake-openai.ts";
import { clientFor, PROVIDERS, startFake } from "./fixtures.ts";

let fake: FakeLlmServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const TITLE = "Senior Data Engineer";
const DESCRIPTION = [
  "You will build batch and streaming pipelines.",
  "Must have: 5+ years of Python and strong SQL. Experience with Apache Spark and Airflow.",
  "Nice to have: k8s, Scala. Degree in Computer Science or similar preferred. Fully remote; English required.",
].join("\n");

describe.each(PROVIDERS)("deriveJdRequirementsWithLlm (%s)", (provider) => {
  it("returns validated requirements, keeping only skills the JD names", async () => {
    fake = await startFake(provider, [
      {
        type: "json",
        value: {
          required_skills: [
            { skill: "Python", importance: "critical", min_years: 5 },
            { skill: "SQL", importance: "critical", min_years: null },
            { skill: "Apache Spark", importance: "important", min_years: null },
            { skill: "Airflow", importance: "important", min_years: null },
            { skill: "Snowflake", importance: "important", min_years: null },
            { skill: "python", importance: "important", min_years: null },
          ],
          preferred_skills: ["Kubernetes", "Scala", "Terraform"],
          min_experience_years: 5,
          max_experience_years: null,
          seniority: "senior",
          education_requirements: { level: "bachelor", fields: ["Computer Science"], required: false },
          soft_skills: [],
          languages: ["English", "German"],
          remote: "remote",
          weights: { technical_skills: 1, experience: 0, education: 0, soft_skills: 0 },
        },
      },
    ]);
    const { requirements, calls } = await deriveJdRequirementsWithLlm({
      title: TITLE,
      description: DESCRIPTION,
      client: clientFor(provider, fake),
    });
    expect(jdRequirementsSchema.parse(requirements)).toEqual(requirements);
    // Snowflake and Terraform are not in the text; "python" twice is one skill; k8s names Kubernetes.
    expect(requirements.required_skills.map((s) => s.skill)).toEqual([
      "Python",
      "SQL",
      "Apache Spark",
      "Airflow",
    ]);
    expect(requirements.preferred_skills).toEqual(["Kubernetes", "Scala"]);
    expect(requirements.languages).toEqual(["English"]);
    expect(requirements.weights).toBeNull();
    expect(requirements.seniority).toBe("senior");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.stage).toBe("jd_builder");
    // The rule-based derivation goes along as hints, fenced with the JD text.
    expect(fake.requests[0]!.user).toContain("Rule-based draft");
    expect(fake.requests[0]!.user).toMatch(/<<<DATA description [0-9a-f]{24}>>>/);
  });
});

describe("groundRequirements: alternatives", () => {
  it("keeps alternatives the text names and drops the others, without consuming them", () => {
    const req = jdRequirementsSchema.parse({
      required_skills: [
        { skill: "Python", alternatives: ["Go", "Haskell"] },
        { skill: "Go", importance: "critical" },
      ],
    });
    const grounded = groundRequirements(req, "Python or Go. Go is a must.");
    expect(grounded.required_skills).toEqual([
      { skill: "Python", importance: "important", alternatives: ["Go"] },
      { skill: "Go", importance: "critical" },
    ]);
  });
});

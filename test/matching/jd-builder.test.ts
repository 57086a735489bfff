import { describe, expect, it } from "vitest";
import { deriveJdRequirements, mergeJdRequirements } from "../../src/matching/jd-builder.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";

const FRONTEND = {
  title: "Senior Frontend Engineer (React)",
  description: `About us
We are a fintech startup building payments for Europe. Hybrid, 2 days in our Berlin office.

What you'll do:
- Build product features in React and TypeScript
- Work with our backend team (Node.js, PostgreSQL)

Requirements:
- 5-8 years of professional software development experience
- Strong JavaScript and TypeScript skills
- 3+ years of experience with React
- Excellent communication skills and a team player
- Bachelor's degree in Computer Science or related field required
- Fluent English

Nice to have:
- Next.js, Storybook
- Experience with AWS

Benefits:
- Learning budget, Docker workshops`,
};

describe("deriveJdRequirements", () => {
  const req = deriveJdRequirements(FRONTEND);
  const bySkill = new Map(req.required_skills.map((s) => [s.skill, s]));

  it("finds required skills with importance and minimum years", () => {
    expect(bySkill.get("React")).toEqual({ skill: "React", importance: "critical", min_years: 3 });
    expect(bySkill.get("TypeScript")?.importance).toBe("critical");
    expect(bySkill.get("JavaScript")?.importance).toBe("critical");
    expect(bySkill.get("Node.js")?.importance).toBe("important");
  });

  it("separates preferred skills and ignores company blurbs and benefits", () => {
    expect(req.preferred_skills).toEqual(["Next.js", "Storybook", "Amazon Web Services"]);
    const names = req.required_skills.map((s) => s.skill);
    expect(names).not.toContain("Docker");
    expect(names).not.toContain("Payments");
    expect(names).not.toContain("Fintech");
  });

  it("reads years, seniority, education, soft skills, languages and remote", () => {
    expect(req.min_experience_years).toBe(5);
    expect(req.max_experience_years).toBe(8);
    expect(req.seniority).toBe("senior");
    expect(req.education_requirements).toEqual({
      level: "bachelor",
      fields: ["Computer Science"],
      required: true,
    });
    expect(req.soft_skills).toEqual(expect.arrayContaining(["Communication", "Teamwork"]));
    expect(req.languages).toEqual(["English"]);
    expect(req.remote).toBe("hybrid");
    expect(jdRequirementsSchema.parse(req)).toEqual(req);
  });

  it("does not read JavaScript into a Java JD", () => {
    const java = deriveJdRequirements({
      title: "Java Developer",
      description: "Must have: Java 17, Spring Boot, SQL",
    });
    const names = java.required_skills.map((s) => s.skill);
    expect(names).toEqual(["Java", "Spring Boot", "SQL"]);
  });

  it("reads years on an 'X or Y' line as the role's, and the group as critical as a single skill there", () => {
    const r = deriveJdRequirements({
      title: "DevOps Engineer",
      description: "Requirements\n- 4+ years of experience in DevOps or SRE roles\n- Must have: Kubernetes",
    });
    expect(r.min_experience_years).toBe(4);
    const by = new Map(r.required_skills.map((s) => [s.skill, s]));
    expect(by.get("Kubernetes")?.importance).toBe("critical");
    // The title already requires DevOps on its own, which meets "DevOps or SRE": no separate SRE entry.
    expect(by.get("DevOps")?.importance).toBe("critical");
    expect(by.has("Site reliability engineering")).toBe(false);

    const platform = deriveJdRequirements({
      title: "Platform Engineer",
      description: "Requirements\n- 4+ years of experience in DevOps or SRE roles\n- Must have: Kubernetes",
    });
    expect(platform.min_experience_years).toBe(4);
    // "4+ years of experience in DevOps roles" makes DevOps critical; "DevOps or SRE" is held the same.
    expect(platform.required_skills.find((s) => s.skill === "DevOps")).toEqual({
      skill: "DevOps",
      importance: "critical",
      min_years: null,
      alternatives: ["Site reliability engineering"],
    });
  });

  it("does not read 'we are hiring' as a hiring skill, but keeps hiring asked for", () => {
    const intro = deriveJdRequirements({
      title: "Backend Engineer",
      description:
        "We are hiring a backend engineer. We’re hiring fast.\n\nRequirements:\n- 3+ years of Java",
    });
    expect(intro.required_skills.map((s) => s.skill)).toEqual(["Java"]);
    const manager = deriveJdRequirements({
      title: "Engineering Manager",
      description: "Requirements:\n- Experience with technical hiring and building teams",
    });
    expect(manager.required_skills.map((s) => s.skill)).toContain("Hiring");
  });

  it("reads a language named as required without other language cues", () => {
    const r = deriveJdRequirements({
      title: "Support Engineer",
      description: "Requirements:\n- 2+ years of Linux\n- English required. German is a must.\n- Java",
    });
    expect(r.languages).toEqual(["English", "German"]);
    expect(
      deriveJdRequirements({ title: "Editor", description: "Requirements:\n- Degree in English literature" })
        .languages,
    ).toEqual([]);
  });

  it("is deterministic and handles an empty description", () => {
    expect(deriveJdRequirements(FRONTEND)).toEqual(req);
    const empty = deriveJdRequirements({ title: "Office Assistant", description: "" });
    expect(empty.required_skills).toEqual([]);
    expect(empty.seniority).toBeNull();
  });

  it("infers remote and seniority from cues", () => {
    expect(deriveJdRequirements({ title: "Junior QA", description: "Fully remote." }).remote).toBe("remote");
    expect(deriveJdRequirements({ title: "Junior QA", description: "" }).seniority).toBe("junior");
    expect(deriveJdRequirements({ title: "Engineer", description: "On-site in Paris" }).remote).toBe(
      "onsite",
    );
  });
});

describe("mergeJdRequirements", () => {
  it("lets every field the user edited win, and only those", () => {
    const derived = deriveJdRequirements(FRONTEND);
    const merged = mergeJdRequirements(
      derived,
      {
        required_skills: [{ skill: "Vue.js", importance: "critical", min_years: null }],
        min_experience_years: 2,
        remote: null,
      },
      ["required_skills", "min_experience_years", "remote"],
    );
    expect(merged.required_skills).toEqual([{ skill: "Vue.js", importance: "critical", min_years: null }]);
    expect(merged.min_experience_years).toBe(2);
    // an explicit null set by the user also wins
    expect(merged.remote).toBeNull();
    expect(merged.preferred_skills).toEqual(derived.preferred_skills);
    expect(merged.seniority).toBe(derived.seniority);
  });

  it("ignores a field named as edited but absent from the user's values", () => {
    const derived = deriveJdRequirements(FRONTEND);
    expect(mergeJdRequirements(derived, {}, ["seniority"])).toEqual(derived);
  });
});

describe("deriveJdRequirements: alternatives", () => {
  const derive = (lines: string[]) =>
    deriveJdRequirements({ title: "Backend Engineer", description: `Requirements:\n${lines.join("\n")}` })
      .required_skills;

  it("makes 'Python or Go' one requirement either skill meets", () => {
    expect(derive(["- Python or Go"])).toEqual([
      { skill: "Python", importance: "important", min_years: null, alternatives: ["Go"] },
    ]);
  });

  it("reads a slash between two distinct skills of one kind as alternatives", () => {
    expect(derive(["- PostgreSQL/MySQL"])).toEqual([
      { skill: "PostgreSQL", importance: "important", min_years: null, alternatives: ["MySQL"] },
    ]);
  });

  it("keeps CI/CD, TCP/IP, UI/UX and PL/SQL as single skills", () => {
    const skills = derive(["- CI/CD pipelines", "- TCP/IP", "- UI/UX", "- PL/SQL"]);
    expect(skills.map((s) => s.skill)).toEqual(["CI/CD", "TCP/IP", "UX design", "PL/SQL"]);
    expect(skills.every((s) => s.alternatives === undefined)).toBe(true);
  });

  it("does not split HTML/CSS, which asks for both", () => {
    const skills = derive(["- HTML/CSS"]);
    expect(skills.map((s) => s.skill)).toEqual(["HTML", "CSS"]);
    expect(skills.every((s) => s.alternatives === undefined)).toBe(true);
  });

  it("groups a comma list ending in 'or', and leaves the other skills of the line alone", () => {
    const skills = derive(["- Docker, Linux, CI/CD (GitHub Actions, Jenkins or GitLab CI)"]);
    expect(skills.find((s) => s.skill === "GitHub Actions")?.alternatives).toEqual(["Jenkins", "GitLab CI"]);
    for (const name of ["Docker", "Linux", "CI/CD"])
      expect(skills.find((s) => s.skill === name)?.alternatives).toBeUndefined();
  });

  it("drops a group when one of its skills is required on its own", () => {
    const skills = derive(["- Strong Python", "- Python or Go for tooling"]);
    expect(skills).toEqual([{ skill: "Python", importance: "critical", min_years: null }]);
  });

  it("makes a group on a must-have line critical, as a single skill there", () => {
    expect(derive(["- Must have strong Python or Go"])).toEqual([
      { skill: "Python", importance: "critical", min_years: null, alternatives: ["Go"] },
    ]);
    expect(derive(["- Must have strong Python"])).toEqual([
      { skill: "Python", importance: "critical", min_years: null },
    ]);
    const required = deriveJdRequirements({
      title: "Backend Engineer",
      description: "Required: Java or Kotlin",
    });
    expect(required.required_skills).toEqual([
      { skill: "Java", importance: "critical", min_years: null, alternatives: ["Kotlin"] },
    ]);
    expect(derive(["- Essential: Java, Kotlin or Scala"])).toEqual([
      { skill: "Java", importance: "critical", min_years: null, alternatives: ["Kotlin", "Scala"] },
    ]);
  });

  it("gives a plain 'Python or Go' under Requirements the importance a single skill gets there", () => {
    const single = derive(["- Python"]);
    expect(single).toEqual([{ skill: "Python", importance: "important", min_years: null }]);
    expect(derive(["- Python or Go"])).toEqual([
      { skill: "Python", importance: single[0]!.importance, min_years: null, alternatives: ["Go"] },
    ]);
  });

  it("keeps a nice-to-have 'or' line out of required, even with a critical cue", () => {
    const cue = deriveJdRequirements({
      title: "Backend Engineer",
      description: "Requirements:\n- Docker\n- Python or Go is a plus",
    });
    expect(cue.required_skills).toEqual([{ skill: "Docker", importance: "important", min_years: null }]);
    expect(cue.preferred_skills).toEqual(["Python", "Go"]);

    const section = deriveJdRequirements({
      title: "Backend Engineer",
      description: "Requirements:\n- Docker\n\nNice to have:\n- Strong Python or Go",
    });
    expect(section.required_skills).toEqual([{ skill: "Docker", importance: "important", min_years: null }]);
    expect(section.preferred_skills).toEqual(["Python", "Go"]);
  });

  it("keeps preferred alternatives as plain preferred skills", () => {
    const req = deriveJdRequirements({
      title: "Backend Engineer",
      description: "Requirements:\n- Docker\n\nNice to have:\n- AWS or GCP",
    });
    expect(req.preferred_skills).toEqual(["Amazon Web Services", "Google Cloud Platform"]);
  });
});

describe("jdRequirementsSchema: alternatives", () => {
  it("parses stored requirements without alternatives unchanged", () => {
    const stored = { skill: "Python", importance: "critical", min_years: 3 };
    const parsed = jdRequirementsSchema.parse({ required_skills: [stored] });
    expect(parsed.required_skills).toEqual([stored]);
    expect("alternatives" in parsed.required_skills[0]!).toBe(false);
  });

  it("accepts a skill with alternatives", () => {
    const parsed = jdRequirementsSchema.parse({ required_skills: [{ skill: "AWS", alternatives: ["GCP"] }] });
    expect(parsed.required_skills[0]).toEqual({
      skill: "AWS",
      importance: "important",
      alternatives: ["GCP"],
    });
  });
});

import { describe, expect, it } from "vitest";
import { redactForMatching } from "../../src/matching/blind.ts";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { matchDataSchema } from "../../src/matching/match-schema.ts";
import { emptyParsedCv, type ParsedCv } from "../../src/parsing/schema.ts";
import { cv, jd, jdFromText, NOW, role, skills, textOf } from "./helpers.ts";

function run(parsed: ParsedCv, job = jsJob(), redFlags: string[] = []) {
  return matchCv({ parsed, cvText: textOf(parsed), jd: job, redFlags, now: NOW });
}

function jsJob() {
  return jd(
    {
      required_skills: [
        { skill: "JavaScript", importance: "critical", min_years: 3 },
        { skill: "React", importance: "critical" },
        { skill: "Kubernetes", importance: "important" },
      ],
      preferred_skills: ["GraphQL"],
      min_experience_years: 4,
    },
    "Senior JavaScript Engineer",
  );
}

const javaDev = cv({
  experience: [
    role({
      title: "Senior Java Engineer",
      start_date: "2016-01",
      is_current: true,
      highlights: ["Built Java services with Spring Boot"],
    }),
  ],
  skills: skills("Java", "Spring Boot", "Hibernate"),
  total_experience_years: 10.5,
});

const jsDev = cv({
  experience: [
    role({
      title: "Frontend Engineer",
      start_date: "2018-01",
      end_date: "2020-12",
      highlights: ["Wrote JS and jQuery widgets"],
    }),
    role({
      title: "Senior Frontend Engineer",
      start_date: "2021-01",
      is_current: true,
      highlights: ["Built a design system in React and TypeScript", "Moved services to k8s"],
    }),
  ],
  skills: skills("JavaScript", "React", "k8s"),
  total_experience_years: 8.5,
});

describe("matchCv: skill traps", () => {
  it("does not take a Java developer for a JavaScript job", () => {
    const result = run(javaDev);
    const missing = result.technical_skills_match.required_skills_missing.map((m) => m.skill);
    expect(missing).toContain("JavaScript");
    expect(result.technical_skills_match.required_skills_matched.map((m) => m.skill)).not.toContain(
      "JavaScript",
    );
    expect(result.overall_match_score).toBeLessThan(40);
    expect(["no", "strong-no"]).toContain(result.recommendation.decision);
  });

  it("ranks the JavaScript developer far above the Java developer", () => {
    expect(run(jsDev).overall_match_score).toBeGreaterThan(run(javaDev).overall_match_score + 30);
  });

  it("marks alias matches as alias and canonical names as exact", () => {
    const result = run(jsDev);
    const byName = new Map(result.technical_skills_match.required_skills_matched.map((m) => [m.skill, m]));
    expect(byName.get("Kubernetes")?.match_quality).toBe("alias");
    expect(byName.get("React")?.match_quality).toBe("exact");
    expect(byName.get("Kubernetes")?.evidence.some((e) => e.includes("k8s"))).toBe(true);
  });

  it("offers related skills as alternatives for a missing one", () => {
    const swarm = cv({
      experience: [
        role({
          title: "DevOps Engineer",
          start_date: "2020-01",
          is_current: true,
          highlights: ["Ran Docker Swarm and Amazon ECS clusters"],
        }),
      ],
    });
    const result = run(swarm, jd({ required_skills: [{ skill: "Kubernetes", importance: "important" }] }));
    const [missing] = result.technical_skills_match.required_skills_missing;
    expect(missing?.skill).toBe("Kubernetes");
    expect(missing?.alternatives_found).toEqual(expect.arrayContaining(["Docker Swarm", "Amazon ECS"]));
    expect(result.technical_skills_match.score).toBeGreaterThan(0);
    expect(result.technical_skills_match.score).toBeLessThan(50);
  });

  it("credits a skill implied by one used (Next.js → React) as related", () => {
    const next = cv({
      experience: [
        role({
          title: "Engineer",
          start_date: "2022-01",
          is_current: true,
          highlights: ["Built the site in Next.js"],
        }),
      ],
    });
    const result = run(next, jd({ required_skills: [{ skill: "React", importance: "important" }] }));
    const [m] = result.technical_skills_match.required_skills_matched;
    expect(m?.match_quality).toBe("related");
    expect(m?.via).toEqual(["Next.js"]);
  });
});

describe("matchCv: general skills from specific ones", () => {
  it("credits 'Cloud computing' to 8 years of AWS, EKS, EC2 and VPC, naming them", () => {
    const aws = cv({
      experience: [
        role({
          title: "Platform engineer",
          start_date: "2018-06",
          is_current: true,
          highlights: ["Ran services on AWS: EKS clusters, EC2 fleets and VPC peering"],
        }),
      ],
    });
    const job = jd({ required_skills: [{ skill: "Cloud computing", importance: "critical" }] });
    const result = run(aws, job);
    expect(result.technical_skills_match.required_skills_missing).toEqual([]);
    const [m] = result.technical_skills_match.required_skills_matched;
    expect(m?.match_quality).toBe("related");
    expect(m?.via).toEqual(expect.arrayContaining(["Amazon Web Services", "Amazon EKS", "Amazon VPC"]));
    expect(m?.years_experience).toBeGreaterThanOrEqual(8);
    expect(m?.evidence[0]).toContain("AWS");
  });
});

describe("matchCv: organisation names", () => {
  it("does not take 'The Linux Foundation' as Linux evidence", () => {
    const certified = cv({
      experience: [role({ title: "Developer", start_date: "2020-01", is_current: true })],
      certifications: ["Certified Kubernetes Application Developer (CKAD), The Linux Foundation"],
    });
    const job = jd({ required_skills: [{ skill: "Linux", importance: "important" }] });
    const text = `${textOf(certified)}\nCertified Kubernetes Application Developer (CKAD), The Linux Foundation`;
    const result = matchCv({ parsed: certified, jd: job, cvText: text, redFlags: [], now: NOW });
    expect(result.technical_skills_match.required_skills_matched).toEqual([]);
  });
});

describe("matchCv: team composition", () => {
  it("does not credit a skill named only as the team's make-up", () => {
    const backend = cv({
      experience: [
        role({
          title: "Java developer",
          start_date: "2015-01",
          is_current: true,
          highlights: [
            "Methodology: Agile Scrum, team with 6 dev/devops and 5 functional coworkers",
            "Methodology: Agile Scrum, 3 dev, 1 devops, remote clients",
          ],
        }),
      ],
    });
    const job = jd({ required_skills: [{ skill: "DevOps", importance: "critical" }] });
    const result = run(backend, job);
    expect(result.technical_skills_match.required_skills_matched).toEqual([]);
    expect(result.technical_skills_match.required_skills_missing.map((m) => m.skill)).toEqual(["DevOps"]);
  });
});

describe("matchCv: years and last used", () => {
  const python = cv({
    experience: [
      role({
        title: "Data Engineer",
        start_date: "2015-01",
        end_date: "2017-12",
        highlights: ["Python ETL jobs", "Perl scripts"],
      }),
      role({ title: "Analyst", start_date: "2018-01", end_date: "2018-12", highlights: ["Excel reports"] }),
      role({
        title: "Backend Engineer",
        start_date: "2019-01",
        is_current: true,
        highlights: ["Python and Django APIs"],
      }),
    ],
  });
  const job = jd({
    required_skills: [
      { skill: "Python", importance: "critical", min_years: 5 },
      { skill: "Perl", importance: "important", min_years: 5 },
    ],
  });

  it("sums the dated roles that mention a skill and takes last use from the latest", () => {
    const result = run(python, job);
    const byName = new Map(result.technical_skills_match.required_skills_matched.map((m) => [m.skill, m]));
    // 2015-01..2017-12 = 36 months; 2019-01..2026-06 = 90 months → 126 months = 10.5 years
    expect(byName.get("Python")?.years_experience).toBe(10.5);
    expect(byName.get("Python")?.last_used).toBe("Present");
    expect(byName.get("Python")?.meets_min_years).toBe(true);
    expect(byName.get("Python")?.proficiency_level).toBe("expert");
    expect(byName.get("Perl")?.years_experience).toBe(3);
    expect(byName.get("Perl")?.last_used).toBe("2017-12");
    expect(byName.get("Perl")?.meets_min_years).toBe(false);
  });

  it("keeps 'not enough evidence' apart from 'missing'", () => {
    const listed = cv({ skills: skills("Python"), experience: [role({ title: "Engineer" })] });
    const result = run(listed, job);
    const [m] = result.technical_skills_match.required_skills_matched;
    expect(m?.skill).toBe("Python");
    expect(m?.years_experience).toBeNull();
    expect(m?.meets_min_years).toBeNull();
    expect(result.technical_skills_match.required_skills_missing.map((x) => x.skill)).toEqual(["Perl"]);
    expect(result.experience_match.assessment).toBe("not-enough-evidence");
    expect(result.recommendation.interview_focus_areas.join("\n")).toContain(
      "Python: named but no dated role",
    );
  });

  it("assesses experience against the JD's years", () => {
    const result = run(
      python,
      jd({ required_skills: [{ skill: "Python", importance: "critical" }], min_experience_years: 5 }),
    );
    expect(result.experience_match.required_years).toBe(5);
    expect(result.experience_match.relevant_years).toBe(10.5);
    expect(result.experience_match.assessment).toBe("exceeds");
    expect(result.experience_match.score).toBe(100);
  });
});

describe("matchCv: red flags", () => {
  it("passes on upstream flags and finds gaps and short tenures", () => {
    const hopper = cv({
      experience: [
        role({ title: "Dev", start_date: "2015-01", end_date: "2015-06" }),
        role({ title: "Dev", start_date: "2015-08", end_date: "2016-01" }),
        role({ title: "Dev", start_date: "2019-01", is_current: true }),
      ],
    });
    const result = run(hopper, jsJob(), ["Hidden text found in the document: white-on-white keywords"]);
    const flags = result.red_flags.map((f) => f.flag);
    expect(flags[0]).toContain("Hidden text");
    expect(flags.some((f) => /gap of 35 months between roles \(2016-02 – 2018-12\)/.test(f))).toBe(true);
    expect(flags.some((f) => /2 roles shorter than a year/.test(f))).toBe(true);
  });

  it("does not count months spent studying as an unexplained gap", () => {
    const student = (education: ParsedCv["education"]) =>
      cv({
        experience: [
          role({ title: "Intern", start_date: "2011-06", end_date: "2012-02" }),
          role({ title: "Dev", start_date: "2014-08", is_current: true }),
        ],
        education,
      });
    const uni = {
      institution: "University",
      degree: "MSc",
      field: "Computer Science",
      grade: null,
    };
    const gapFlags = (parsed: ParsedCv) =>
      run(parsed, jsJob(), [])
        .red_flags.map((f) => f.flag)
        .filter((f) => /gap/.test(f));
    expect(gapFlags(student([]))).toEqual([expect.stringMatching(/gap of 29 months/)]);
    expect(gapFlags(student([{ ...uni, start_date: "2010-09", end_date: "2017-06" }]))).toEqual([]);
    // Study covering only part of the gap leaves the rest to explain when it is long enough.
    expect(gapFlags(student([{ ...uni, start_date: "2012-03", end_date: "2012-12" }]))).toEqual([
      expect.stringMatching(/gap of 19 months between roles \(2013-01 – 2014-07\)/),
    ]);
  });
});

describe("matchCv: output contract", () => {
  it("validates against the schema, with an integer overall score equal to the weighted dimensions", () => {
    const result = run(jsDev);
    expect(matchDataSchema.parse(result)).toEqual(result);
    expect(Number.isInteger(result.overall_match_score)).toBe(true);
    expect(result.engine).toBe("deterministic");
    const w = result.weights;
    expect(w.technical_skills + w.experience + w.education + w.soft_skills).toBeCloseTo(1, 2);
  });

  it("is deterministic", () => {
    const a = run(jsDev);
    const b = run(structuredClone(jsDev));
    expect(b).toEqual(a);
  });

  it("applies per-JD weights", () => {
    const base = jsJob();
    const skillsOnly = {
      ...base,
      requirements: {
        ...base.requirements,
        weights: { technical_skills: 1, experience: 0, education: 0, soft_skills: 0 },
      },
    };
    const result = run(jsDev, skillsOnly);
    expect(result.weights.technical_skills).toBe(1);
    expect(result.overall_match_score).toBe(result.technical_skills_match.score);
  });

  it("scores education against the level asked", () => {
    const job = jd({
      education_requirements: { level: "master", fields: ["Computer Science"], required: true },
    });
    const bsc = cv({
      education: [
        {
          institution: "U",
          degree: "BSc",
          field: "Computer Science",
          start_date: null,
          end_date: null,
          grade: null,
        },
      ],
    });
    const phd = cv({
      education: [
        {
          institution: "U",
          degree: "PhD",
          field: "Informatics",
          start_date: null,
          end_date: null,
          grade: null,
        },
      ],
    });
    expect(run(bsc, job).education_match.assessment).toBe("below");
    expect(run(phd, job).education_match.assessment).toBe("exceeds");
    expect(run(phd, job).education_match.field_match).toBe(true);
  });
});

describe("matchCv: blind", () => {
  const base = (name: string, pronoun: string, gender: string) =>
    cv({
      candidate_name: name,
      email: `${name.split(" ")[0]!.toLowerCase()}@example.com`,
      phone: "+44 20 7946 0958",
      location: "Leeds, UK",
      summary: `${name} is a frontend engineer. ${pronoun} leads the design system team.`,
      experience: [
        role({
          title: "Senior Frontend Engineer",
          start_date: "2019-01",
          is_current: true,
          highlights: [`${pronoun} built React and TypeScript apps`, "Mentored juniors"],
        }),
      ],
      skills: skills("JavaScript", "React"),
      languages: [{ language: "English", proficiency: "Native" }],
      total_experience_years: 7.5,
      ...({ _gender: gender } as object),
    });

  it("gives the same result whatever the name and gender", () => {
    const emily = base("Emily Walsh", "She", "Female");
    const jamal = base("Jamal Okafor", "He", "Male");
    const textEmily = `${textOf(emily)}\nGender: Female\nDate of birth: 1990-02-01\nNationality: Irish`;
    const textJamal = `${textOf(jamal)}\nGender: Male\nDate of birth: 1985-07-12\nNationality: Nigerian`;
    const a = redactForMatching(emily, textEmily);
    const b = redactForMatching(jamal, textJamal);
    expect(a.cvText).toBe(b.cvText.replace("jamal", "emily"));
    const ra = matchCv({ parsed: a.parsed, cvText: a.cvText, jd: jsJob(), redFlags: [], now: NOW });
    const rb = matchCv({ parsed: b.parsed, cvText: b.cvText, jd: jsJob(), redFlags: [], now: NOW });
    expect(ra.overall_match_score).toBe(rb.overall_match_score);
    expect(ra).toEqual(rb);
    // and the deterministic engine ignores identity even without redaction
    expect(run(emily).overall_match_score).toBe(run(jamal).overall_match_score);
  });
});

describe("matchCv with a derived JD", () => {
  it("matches end to end from free text", () => {
    const job = jdFromText(
      "Senior Frontend Engineer (React)",
      "Requirements:\n- 5+ years of professional experience\n- Strong TypeScript\n- 3+ years of React\nNice to have:\n- GraphQL",
    );
    const good = run(jsDev, job);
    const bad = run(javaDev, job);
    expect(good.overall_match_score).toBeGreaterThan(bad.overall_match_score);
    expect(good.recommendation.decision === "yes" || good.recommendation.decision === "strong-yes").toBe(
      true,
    );
  });
});

describe("education with a degree of unknown level", () => {
  it("is not enough evidence, never 'below'", () => {
    const parsed = {
      ...emptyParsedCv(),
      education: [
        {
          institution: "École Centrale",
          degree: "Diplôme d'ingénieur",
          field: null,
          start_date: "2005",
          end_date: "2008",
          grade: null,
        },
      ],
    };
    const jd = {
      title: "Engineer",
      description: "",
      location: null,
      requirements: jdRequirementsSchema.parse({
        education_requirements: { level: "bachelor", required: true },
      }),
    };
    const match = matchCv({
      parsed,
      jd,
      cvText: "Diplôme d'ingénieur, École Centrale",
      redFlags: [],
      now: new Date(),
    });
    expect(match.education_match.assessment).toBe("not-enough-evidence");
  });
});

describe("matchCv: requirements with alternatives", () => {
  const pythonDev = cv({
    experience: [
      role({
        title: "Backend Engineer",
        start_date: "2019-01",
        is_current: true,
        highlights: ["Built Python services on PostgreSQL"],
      }),
    ],
    skills: skills("Python", "PostgreSQL"),
    total_experience_years: 7.5,
  });
  const docker = { skill: "Docker", importance: "important" as const };
  const either = jd({
    required_skills: [
      { skill: "Python", importance: "critical", min_years: 3, alternatives: ["Go"] },
      docker,
    ],
    min_experience_years: 3,
  });

  it("is met by one alternative, names it, and scores as if the JD asked for that skill alone", () => {
    const result = run(pythonDev, either);
    const t = result.technical_skills_match;
    expect(t.required_skills_missing.map((m) => m.skill)).toEqual(["Docker"]);
    const [python] = t.required_skills_matched;
    expect(python?.skill).toBe("Python");
    expect(python?.requirement).toBe("Python or Go");
    expect(python?.evidence.some((e) => e.includes("Python"))).toBe(true);

    const alone = run(
      pythonDev,
      jd({
        required_skills: [{ skill: "Python", importance: "critical", min_years: 3 }, docker],
        min_experience_years: 3,
      }),
    );
    expect(t.score).toBe(alone.technical_skills_match.score);
    expect(result.experience_match).toEqual(alone.experience_match);
    expect(result.overall_match_score).toBe(alone.overall_match_score);
    expect(result.recommendation.decision).toBe(alone.recommendation.decision);
  });

  it("is missing once, as the group, when no alternative is in the CV", () => {
    const rustAndDocker = cv({
      experience: [
        role({ title: "Engineer", start_date: "2020-01", is_current: true, highlights: ["Rust and Docker"] }),
      ],
      skills: skills("Rust", "Docker"),
    });
    const result = run(rustAndDocker, either);
    const missing = result.technical_skills_match.required_skills_missing;
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({
      skill: "Python or Go",
      skill_id: null,
      importance: "critical",
      any_of: ["Python", "Go"],
    });
    expect(result.match_summary).toContain("missing: Python or Go");
    expect(result.recommendation.reasoning).toContain("Missing critical skill: Python or Go");
    expect(matchDataSchema.safeParse(result).success).toBe(true);
  });

  it("keeps a requirement without alternatives exactly as before", () => {
    const plain = jd({ required_skills: [{ skill: "Python", importance: "critical" }] });
    const listed = jd({ required_skills: [{ skill: "Python", importance: "critical", alternatives: [] }] });
    const a = run(pythonDev, plain);
    expect(run(pythonDev, listed)).toEqual(a);
    expect(a.technical_skills_match.required_skills_matched[0]?.requirement).toBeUndefined();
  });
});

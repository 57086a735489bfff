// Shared bits of the LLM tests: clients pointed at the fake servers, a small CV and a JD.
import { createLlmClient, type LlmClient, type LlmProvider } from "../../src/llm/client.ts";
import type { JobDescriptionInput } from "../../src/matching/jd-schema.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { type Experience, emptyParsedCv, type ParsedCv } from "../../src/parsing/schema.ts";
import { startFakeAnthropic } from "../support/fake-anthropic.ts";
import {
  type FakeLlmServer,
  type FakeOptions,
  type FakeScript,
  startFakeOpenAI,
} from "../support/fake-openai.ts";

export const NOW = new Date("2026-06-15T00:00:00Z");
export const PROVIDERS: LlmProvider[] = ["openai", "anthropic"];
export const MODEL: Record<LlmProvider, string> = { openai: "gpt-4o-mini", anthropic: "claude-haiku-4-5" };

export function startFake(
  provider: LlmProvider,
  script: FakeScript,
  options?: FakeOptions,
): Promise<FakeLlmServer> {
  return provider === "openai" ? startFakeOpenAI(script, options) : startFakeAnthropic(script, options);
}

export function clientFor(
  provider: LlmProvider,
  fake: FakeLlmServer,
  options: { timeoutMs?: number; maxRetries?: number; model?: string } = {},
): LlmClient {
  return createLlmClient({
    provider,
    model: options.model ?? MODEL[provider],
    baseUrl: fake.baseUrl,
    apiKey: "test-key",
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries ?? 2,
  });
}

export function role(partial: Partial<Experience> & Pick<Experience, "title">): Experience {
  return {
    company: null,
    location: null,
    start_date: null,
    end_date: null,
    is_current: false,
    description: null,
    highlights: [],
    skills: [],
    ...partial,
  };
}

export function skillList(...names: string[]): ParsedCv["skills"] {
  return names.map((name) => ({ name, canonical: null, category: null, years: null, last_used: null }));
}

export const CV_TEXT = [
  "Jane Q. Doe",
  "jane.doe@mail.test | +44 20 7946 0958 | github.com/janedoe-dev",
  "Experience",
  "Senior Backend Engineer — Northwind Traders, 2019-03 – Present",
  "• Built Python services on PostgreSQL and Docker, deployed to AWS",
  "• Mentored four engineers",
  "Backend Engineer — Contoso Ltd, 2015-06 – 2019-02",
  "• Django REST APIs, Redis caching",
  "Education",
  "BSc Computer Science, University of Leeds, 2011 – 2014",
  "Skills: Python, Django, PostgreSQL, Docker, AWS, Redis",
].join("\n");

/** What a correct parse of CV_TEXT looks like. */
export function parsedCvText(): ParsedCv {
  return {
    ...emptyParsedCv(),
    candidate_name: "Jane Q. Doe",
    email: "jane.doe@mail.test",
    phone: "+442079460958",
    links: { linkedin: null, github: "github.com/janedoe-dev", website: null },
    github_username: "janedoe-dev",
    current_role: "Senior Backend Engineer",
    current_company: "Northwind Traders",
    experience: [
      role({
        title: "Senior Backend Engineer",
        company: "Northwind Traders",
        start_date: "2019-03",
        is_current: true,
        highlights: [
          "Built Python services on PostgreSQL and Docker, deployed to AWS",
          "Mentored four engineers",
        ],
      }),
      role({
        title: "Backend Engineer",
        company: "Contoso Ltd",
        start_date: "2015-06",
        end_date: "2019-02",
        highlights: ["Django REST APIs, Redis caching"],
      }),
    ],
    education: [
      {
        institution: "University of Leeds",
        degree: "BSc",
        field: "Computer Science",
        start_date: "2011",
        end_date: "2014",
        grade: null,
      },
    ],
    skills: skillList("Python", "Django", "PostgreSQL", "Docker", "AWS", "Redis"),
  };
}

export function backendJd(
  description = "We build logistics software. Python and PostgreSQL are a must.",
): JobDescriptionInput {
  return {
    title: "Senior Python Engineer",
    description,
    location: null,
    requirements: jdRequirementsSchema.parse({
      required_skills: [
        { skill: "Python", importance: "critical", min_years: 3 },
        { skill: "PostgreSQL", importance: "important" },
        { skill: "Kubernetes", importance: "important" },
      ],
      preferred_skills: ["Redis"],
      min_experience_years: 5,
      education_requirements: { level: "bachelor", fields: ["Computer Science"], required: false },
      soft_skills: ["mentoring"],
    }),
  };
}

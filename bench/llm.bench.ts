// LLM layer figures, offline (no provider is called: the fake OpenAI server stands in, ~4 chars a token):
// 1. grounding on the real corpus: true values kept (target 100%) and invented ones dropped (target 100%);
// 2. prompt size and estimated cost per CV for parsing and matching on a few models;
// 3. prompt caching over a batch of one JD: cached share of input and the saving it makes.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { extractDocument } from "../src/extraction/extract.ts";
import { createLlmClient } from "../src/llm/client.ts";
import { groundParsedCv } from "../src/llm/grounding.ts";
import { refineMatchWithLlm } from "../src/llm/llm-matcher.ts";
import { parseCvWithLlm } from "../src/llm/llm-parser.ts";
import { costUsd } from "../src/llm/pricing.ts";
import { redactForMatching } from "../src/matching/blind.ts";
import { matchCv } from "../src/matching/deterministic-matcher.ts";
import { deriveJdRequirements } from "../src/matching/jd-builder.ts";
import { emptyParsedCv, type ParsedCv } from "../src/parsing/schema.ts";
import { type FakeRequest, startFakeOpenAI } from "../test/support/fake-openai.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../shared/corpus");
const MODELS = ["gpt-4o-mini", "gpt-4.1-mini", "claude-haiku-4-5"];
const NOW = new Date("2026-06-15T00:00:00Z");

interface Truth {
  file: string;
  name?: string;
  email?: string;
  phone?: string;
  links?: Record<string, string>;
  work?: Array<{ company?: string; title?: string; start?: string | null; end?: string | null }>;
  education?: Array<{ institution?: string; degree?: string; field?: string }>;
  skills?: string[];
}

function truthToParse(t: Truth): ParsedCv {
  return {
    ...emptyParsedCv(),
    candidate_name: t.name ?? null,
    email: t.email ?? null,
    phone: t.phone ?? null,
    experience: (t.work ?? []).map((w) => ({
      title: w.title ?? null,
      company: w.company ?? null,
      location: null,
      start_date: w.start && /^\d{4}(-\d{2})?$/.test(w.start) ? w.start : null,
      end_date: w.end && /^\d{4}(-\d{2})?$/.test(w.end) ? w.end : null,
      is_current: w.end === "present",
      description: null,
      highlights: [],
      skills: [],
    })),
    education: (t.education ?? []).map((e) => ({
      institution: e.institution ?? null,
      degree: e.degree ?? null,
      field: e.field ?? null,
      start_date: null,
      end_date: null,
      grade: null,
    })),
    skills: (t.skills ?? []).map((name) => ({
      name,
      canonical: null,
      category: null,
      years: null,
      last_used: null,
    })),
  };
}

const JD_TITLE = "Senior Software Engineer";
const JD_TEXT = [
  "We are hiring a senior software engineer to build and run the services behind our products.",
  "Requirements: 5+ years of professional software development; strong Python or Java; SQL and PostgreSQL;",
  "experience with Docker and Kubernetes; cloud platforms (AWS or GCP); Git and CI/CD.",
  "Nice to have: Kafka, Terraform, React. A degree in Computer Science or a related field is preferred.",
  ...Array.from(
    { length: 30 },
    (_, i) =>
      `Responsibility ${i + 1}: design, review and operate reliable services; mentor colleagues and share knowledge.`,
  ),
].join("\n");

export async function run(): Promise<void> {
  let dirs: string[];
  try {
    dirs = readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch (error) {
    if (process.env.CI === "true") throw error;
    console.log("llm: corpus not found, skipped");
    return;
  }
  const docs: Array<{ name: string; text: string; truth: ParsedCv }> = [];
  for (const dir of dirs) {
    const truth = JSON.parse(readFileSync(path.join(CORPUS, dir, "truth.json"), "utf8")) as Truth;
    const bytes = readFileSync(path.join(CORPUS, dir, truth.file));
    const doc = await extractDocument(bytes, {
      filename: truth.file,
      limits: { maxPages: 30, timeoutMs: 30_000, maxUnzippedBytes: 50_000_000 },
    });
    docs.push({ name: dir, text: `${doc.text}\n${doc.links.join("\n")}`, truth: truthToParse(truth) });
  }

  // 1. Grounding.
  let kept = 0;
  let total = 0;
  const lost: string[] = [];
  let dropped = 0;
  let invented = 0;
  for (const d of docs) {
    const { dropped: paths } = groundParsedCv(d.truth, d.text, emptyParsedCv());
    const values = countValues(d.truth);
    total += values;
    kept += values - paths.length;
    lost.push(...paths.map((p) => `${d.name}:${p}`));
    const fake = inventedParse(d.truth);
    const result = groundParsedCv(fake, d.text, emptyParsedCv());
    invented += countValues(fake);
    dropped += result.dropped.length;
  }
  console.log(
    `llm grounding: true values kept ${kept}/${total} (${pct(kept, total)}, target 100%)` +
      (lost.length > 0 ? `; lost: ${lost.slice(0, 8).join(", ")}` : ""),
  );
  console.log(
    `llm grounding: invented values dropped ${dropped}/${invented} (${pct(dropped, invented)}, target 100%)`,
  );

  // 2 and 3. Prompt sizes, cost and caching through the fake server.
  const fake = await startFakeOpenAI((request: FakeRequest) => replyFor(request));
  try {
    const client = createLlmClient({
      provider: "openai",
      model: "gpt-4o-mini",
      baseUrl: fake.baseUrl,
      apiKey: "bench",
      timeoutMs: 10_000,
      maxRetries: 0,
    });
    const jd = {
      title: JD_TITLE,
      description: JD_TEXT,
      location: null,
      requirements: deriveJdRequirements({ title: JD_TITLE, description: JD_TEXT }),
    };
    const parseUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    const matchUsage = { inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };
    let latency = 0;
    let calls = 0;
    for (const d of docs) {
      const parse = await parseCvWithLlm({ text: d.text, hints: d.truth, client, now: NOW });
      const blind = redactForMatching(parse.parsed, d.text);
      const det = matchCv({ parsed: blind.parsed, cvText: blind.cvText, jd, redFlags: [], now: NOW });
      const match = await refineMatchWithLlm({ deterministic: det, jd, blindCvText: blind.cvText, client });
      for (const [usage, list] of [
        [parseUsage, parse.calls],
        [matchUsage, match.calls],
      ] as const)
        for (const c of list) {
          usage.inputTokens += c.inputTokens;
          usage.cachedInputTokens += c.cachedInputTokens;
          usage.outputTokens += c.outputTokens;
          latency += c.latencyMs;
          calls++;
        }
    }
    const n = docs.length;
    // Strict-mode schemas are part of the billed prompt too; the fake counts messages only.
    console.log(
      `llm tokens per CV (messages only, ~4 chars/token): parse in ${Math.round(parseUsage.inputTokens / n)} ` +
        `out ${Math.round(parseUsage.outputTokens / n)}; match in ${Math.round(matchUsage.inputTokens / n)} ` +
        `(cached ${pct(matchUsage.cachedInputTokens, matchUsage.inputTokens)}) out ${Math.round(matchUsage.outputTokens / n)}`,
    );
    for (const model of MODELS) {
      const perCv = (costUsd(model, parseUsage).usd + costUsd(model, matchUsage).usd) / n;
      const uncached =
        (costUsd(model, parseUsage).usd + costUsd(model, { ...matchUsage, cachedInputTokens: 0 }).usd) / n;
      console.log(
        `llm cost per CV on ${model}: $${perCv.toFixed(5)} (without prompt caching $${uncached.toFixed(5)}; ` +
          `1,000 CVs ≈ $${(perCv * 1000).toFixed(2)})`,
      );
    }
    console.log(
      `llm layer overhead against a local fake: ${(latency / calls).toFixed(1)} ms per call over ${calls} calls ` +
        "(SDK, HTTP, validation; provider time not included)",
    );
  } finally {
    await fake.close();
  }
}

function replyFor(request: FakeRequest) {
  if (request.schemaName === "parsed_cv") {
    const hints =
      /<<<DATA hints ([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END hints \1>>>/.exec(request.user)?.[2] ?? "{}";
    return { type: "json" as const, value: JSON.parse(hints) };
  }
  const none = { delta: 0, reason: "The automated assessment stands." };
  return {
    type: "json" as const,
    value: {
      match_summary:
        "A plausible two-sentence summary of the fit of this candidate for the role as described.",
      reasoning:
        "A plausible paragraph explaining why the recommendation follows from the dimensions assessed.",
      interview_focus_areas: ["Topic one to probe", "Topic two to probe", "Topic three to probe"],
      strengths: [],
      adjustments: { technical_skills: none, experience: none, education: none, soft_skills: none },
    },
  };
}

function countValues(p: ParsedCv): number {
  return (
    [p.candidate_name, p.email, p.phone].filter((v) => v !== null).length +
    p.experience.filter((e) => e.company !== null).length +
    p.education.filter((e) => e.institution !== null).length
  );
}

function inventedParse(p: ParsedCv): ParsedCv {
  return {
    ...p,
    candidate_name: "Bartholomew Quince",
    email: "b.quince@invented-mail.test",
    phone: "+1 415 555 0199",
    experience: p.experience.map((e) => ({ ...e, company: "Quibblecorp Dynamics" })),
    education: p.education.map((e) => ({ ...e, institution: "Miskatonic Polytechnic" })),
  };
}

function pct(a: number, b: number): string {
  return b === 0 ? "n/a" : `${((100 * a) / b).toFixed(1)}%`;
}

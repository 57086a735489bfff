// The AI stages replaced by fixed delays, for the pipeline-overhead benchmark: what remains of the
// time is the orchestration's.
import { setTimeout as sleep } from "node:timers/promises";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { emptyParsedCv, type ParsedCv } from "../../src/parsing/schema.ts";
import type { CvEngine } from "../../src/pipeline/engine.ts";

export const PARSE_MS = 100;
export const MATCH_MS = 100;

export function fixedLatencyEngine(): CvEngine {
  const parsed: ParsedCv = {
    ...emptyParsedCv(),
    candidate_name: "Bench Candidate",
    current_role: "Backend Engineer",
    skills: [{ name: "Python", canonical: null, category: null, years: null, last_used: null }],
  };
  const jd = {
    title: "Backend Engineer",
    description: "Python",
    location: null,
    requirements: jdRequirementsSchema.parse({
      required_skills: [{ skill: "Python", importance: "critical" }],
    }),
  };
  const match = matchCv({ parsed, jd, cvText: "Python", redFlags: [], now: new Date() });
  return {
    name: "fixed-latency-fake",
    parse: async () => {
      await sleep(PARSE_MS);
      return { parsed, calls: [] };
    },
    match: async () => {
      await sleep(MATCH_MS);
      return { match, calls: [] };
    },
  };
}

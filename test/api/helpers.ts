// Test rows for API tests: CVs as the pipeline leaves them, written directly.
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../src/db/database.ts";
import { cvs } from "../../src/db/schema.ts";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import type { MatchData } from "../../src/matching/match-schema.ts";
import { emptyParsedCv, type ParsedCv } from "../../src/parsing/schema.ts";

export function parsedCv(name: string): ParsedCv {
  return {
    ...emptyParsedCv(),
    candidate_name: name,
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`,
    current_role: "Software Engineer",
    total_experience_years: 6,
    skills: [{ name: "Python", canonical: null, category: null, years: null, last_used: null }],
  };
}

/** A real match result (from the deterministic matcher) with its overall score forced to `score`. */
export function matchData(parsed: ParsedCv, score: number): MatchData {
  const data = matchCv({
    parsed,
    jd: {
      title: "Python Developer",
      description: "Python",
      location: null,
      requirements: jdRequirementsSchema.parse({
        required_skills: [{ skill: "Python", importance: "critical" }],
      }),
    },
    cvText: "Python developer",
    redFlags: [],
    now: new Date(),
  });
  return { ...data, overall_match_score: score };
}

/** Marks a CV completed with parse and (when `score` is a number) match results. */
export async function completeCv(
  db: Database,
  cvId: string,
  options: { name: string; score: number | null; shortlisted?: boolean; seconds?: number },
): Promise<void> {
  const parsed = parsedCv(options.name);
  const seconds = options.seconds ?? 12.5;
  await db
    .update(cvs)
    .set({
      status: "completed",
      stage: "COMPLETED",
      progress: 100,
      parsedData: parsed,
      jdMatchScore: options.score,
      jdMatchData: options.score === null ? null : matchData(parsed, options.score),
      shortlisted: options.shortlisted ?? false,
      startedAt: sql`now() - make_interval(secs => ${seconds})`,
      processedAt: sql`now()`,
    })
    .where(eq(cvs.id, cvId));
}

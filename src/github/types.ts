// The contract the pipeline calls: an analyzer that turns a username into an outcome and never throws
// for GitHub-side problems (a GitHub error never fails the CV).
import type { RequiredSkill } from "../matching/jd-schema.ts";
import type { GithubAnalysis } from "./schema.ts";

export type { GithubAnalysis } from "./schema.ts";

/**
 * What GitHub relevance needs of one JD requirement: the skill and its alternatives ("Python or Go":
 * skill Python, alternatives [Go]). Any one of them with GitHub evidence meets the requirement.
 */
export type SkillRequirement = Pick<RequiredSkill, "skill" | "alternatives">;

export type GithubOutcome =
  | { status: "ok"; analysis: GithubAnalysis; apiCalls: number; cached: boolean }
  | { status: "skipped"; reason: string; resetAt?: string; apiCalls: number };

export interface GithubAnalyzer {
  /**
   * `requirements`: the batch JD's required skills as the JD names them, each with its alternatives
   * (empty when there is no JD).
   */
  analyze(username: string, requirements: readonly SkillRequirement[]): Promise<GithubOutcome>;
}

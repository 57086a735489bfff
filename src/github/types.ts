// The contract the pipeline calls: an analyzer that turns a username into an outcome and never throws
// for GitHub-side problems (a GitHub error never fails the CV).
import type { GithubAnalysis } from "./schema.ts";

export type { GithubAnalysis } from "./schema.ts";

export type GithubOutcome =
  | { status: "ok"; analysis: GithubAnalysis; apiCalls: number; cached: boolean }
  | { status: "skipped"; reason: string; resetAt?: string; apiCalls: number };

export interface GithubAnalyzer {
  /** `jdSkills`: the batch JD's required skills as the JD names them (empty when there is no JD). */
  analyze(username: string, jdSkills: string[]): Promise<GithubOutcome>;
}

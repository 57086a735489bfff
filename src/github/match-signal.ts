// The GitHub result as a separate, labelled signal for jd_match_data: every string starts with
// "GitHub:" so a recruiter always sees where it comes from. It can add evidence for a skill, never
// replace the CV's, and it does not change the match score.
import { computeRelevance, matchedSkillName } from "./relevance.ts";
import type { GithubAnalysis } from "./schema.ts";
import type { SkillRequirement } from "./types.ts";

export interface GithubMatchSignal {
  strengths: string[];
  red_flags: string[];
  skill_evidence: Array<{ skill: string; evidence: string }>;
}

/** The same signal shaped like jd_match_data's strengths and red_flags entries. */
export interface GithubMatchEntries {
  strengths: Array<{ strength: string; evidence: string[] }>;
  red_flags: Array<{ flag: string; severity: "low" | "medium" | "high"; evidence: string[] }>;
}

export const GITHUB_SOURCE = "GitHub:";
/** A repository with at least this many stars is worth naming as a strength. */
const NOTABLE_STARS = 50;

interface Item {
  text: string;
  evidence: string[];
}

function items(analysis: GithubAnalysis, requirements: readonly SkillRequirement[]) {
  const relevance = computeRelevance(analysis, requirements);
  const strengths: Item[] = [];
  const flags: Item[] = [];
  const a = analysis.activity_last_12_months;
  const profile = `${GITHUB_SOURCE} ${analysis.profile_url}`;

  if (analysis.account_type === "Organization") {
    // An organisation's code is not evidence of what the candidate did: say so and claim nothing.
    flags.push({
      text: `${GITHUB_SOURCE} the linked account ${analysis.username} is an organisation, not a personal profile`,
      evidence: [profile],
    });
    return { relevance, strengths, flags, skills: [] };
  }

  const skills = relevance.matched.map((m) => ({
    skill: m.skill,
    evidence: `${GITHUB_SOURCE} ${m.evidence}`,
  }));
  if (skills.length > 0)
    strengths.push({
      text:
        `${GITHUB_SOURCE} public code shows ${relevance.matched.map(matchedSkillName).join(", ")} ` +
        `(${skills.length} of ${relevance.required} required skills)`,
      evidence: skills.map((s) => s.evidence),
    });
  if (a.commits >= 50 || a.active_repos >= 3)
    strengths.push({
      text: `${GITHUB_SOURCE} active in the last 12 months (${a.commits} commits, ${a.active_repos} active repositories)`,
      evidence: [profile],
    });
  const starred = analysis.notable_repos.find((r) => r.stars >= NOTABLE_STARS);
  if (starred)
    strengths.push({
      text: `${GITHUB_SOURCE} repository ${starred.name} has ${starred.stars} stars`,
      evidence: [`${GITHUB_SOURCE} ${analysis.profile_url}/${starred.name}`],
    });
  if (a.events === 0 && a.commits === 0 && a.active_repos === 0)
    flags.push({
      text: `${GITHUB_SOURCE} the linked profile shows no public activity in the last 12 months`,
      evidence: [profile],
    });
  return { relevance, strengths, flags, skills };
}

export function githubMatchSignal(
  analysis: GithubAnalysis,
  requirements: readonly SkillRequirement[],
): GithubMatchSignal {
  const { strengths, flags, skills } = items(analysis, requirements);
  return {
    strengths: strengths.map((s) => s.text),
    red_flags: flags.map((f) => f.text),
    skill_evidence: skills,
  };
}

/** For merging into jd_match_data: GitHub red flags are low severity (public code is optional). */
export function githubMatchEntries(
  analysis: GithubAnalysis,
  requirements: readonly SkillRequirement[],
): GithubMatchEntries {
  const { strengths, flags } = items(analysis, requirements);
  return {
    strengths: strengths.map((s) => ({ strength: s.text, evidence: s.evidence })),
    red_flags: flags.map((f) => ({ flag: f.text, severity: "low" as const, evidence: f.evidence })),
  };
}

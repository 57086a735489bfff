// The matcher's prompt. The system text depends on the JD only, so a batch shares it as a cached prefix;
// the CV and the automated assessment (both derived from untrusted text) are fenced in the user message.
import { createHash } from "node:crypto";
import { type JobDescriptionInput, requirementLabel } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { MAX_ADJUSTMENT } from "./match-review.ts";
import { createFence, FENCE_RULES, fenceHeader } from "./prompt-fence.ts";

const MAX_TEXT_CHARS = 60_000;

/**
 * The system text depends on the JD only (instructions first, then the JD), so every CV of a batch
 * shares it byte for byte and the provider serves it from its prompt cache; the CV goes in the user
 * message.
 */
export function matchPrompt(input: {
  deterministic: MatchData;
  jd: JobDescriptionInput;
  blindCvText: string;
}) {
  const jdJson = JSON.stringify({
    title: input.jd.title,
    location: input.jd.location,
    requirements: {
      ...input.jd.requirements,
      // "Python or Go" reads as one requirement either skill meets; entries without alternatives are
      // left as they are, so their JDs keep the same prompt (and cache prefix).
      required_skills: input.jd.requirements.required_skills.map((s) =>
        s.alternatives?.length ? { ...s, skill: requirementLabel(s), alternatives: undefined } : s,
      ),
    },
    description: input.jd.description,
  });
  const jdHash = createHash("sha256").update(jdJson).digest("hex");
  // Deterministic per JD so the prefix stays stable; the CV's fence below uses a random nonce.
  const jdFence = createFence(jdHash.slice(0, 24));
  const system = [
    "You review an automated assessment of one candidate's CV against the job description below and write the recruiter-facing narrative.",
    "Rules:",
    `- For each dimension (technical_skills, experience, education, soft_skills) give an integer delta between -${MAX_ADJUSTMENT} and +${MAX_ADJUSTMENT} to the automated score, 0 when it is right, with a one-sentence reason grounded in the CV text. Dimensions marked not-required take 0.`,
    "- Do not state an overall score: the system computes it from the dimension scores.",
    "- match_summary: two or three sentences on fit. reasoning: why the recommendation follows. interview_focus_areas: at most eight concrete topics to probe.",
    "- strengths: at most eight, each with evidence lines copied verbatim from the CV text.",
    "- The CV has been anonymised: do not guess or mention name, gender, age, nationality or other personal traits.",
    `- ${FENCE_RULES}`,
    `The job description is in the data block with nonce ${jdFence.nonce}; the other data blocks use the nonce given in the user message.`,
    jdFence.wrap("job_description", jdJson),
  ].join("\n");
  const fence = createFence();
  const user = [
    fenceHeader(fence),
    "Automated assessment (JSON):",
    fence.wrap("assessment", JSON.stringify(assessmentView(input.deterministic))),
    "CV text (identity removed):",
    fence.wrap("cv_text", input.blindCvText.slice(0, MAX_TEXT_CHARS)),
  ].join("\n");
  return { system, user, cacheKey: `cvflow-match-${jdHash.slice(0, 32)}` };
}

/** What the model needs of the deterministic result; evidence lines are left out (the CV text is there). */
function assessmentView(m: MatchData) {
  const t = m.technical_skills_match;
  return {
    technical_skills: {
      score: t.score,
      status: t.status,
      matched: t.required_skills_matched.map((s) => ({
        skill: s.skill,
        quality: s.match_quality,
        years: s.years_experience,
        last_used: s.last_used,
      })),
      missing: t.required_skills_missing.map((s) => ({
        skill: s.skill,
        importance: s.importance,
        alternatives: s.alternatives_found,
      })),
      preferred_matched: t.preferred_skills_matched.map((s) => s.skill),
      preferred_missing: t.preferred_skills_missing,
    },
    experience: {
      score: m.experience_match.score,
      status: m.experience_match.status,
      assessment: m.experience_match.assessment,
      required_years: m.experience_match.required_years,
      candidate_years: m.experience_match.candidate_years,
      relevant_years: m.experience_match.relevant_years,
    },
    education: {
      score: m.education_match.score,
      status: m.education_match.status,
      assessment: m.education_match.assessment,
      required_level: m.education_match.required_level,
      candidate_level: m.education_match.candidate_level,
    },
    soft_skills: {
      score: m.soft_skills_match.score,
      status: m.soft_skills_match.status,
      matched: m.soft_skills_match.matched.map((s) => s.skill),
      missing: m.soft_skills_match.missing,
    },
    red_flags: m.red_flags.map((f) => ({ flag: f.flag, severity: f.severity })),
  };
}

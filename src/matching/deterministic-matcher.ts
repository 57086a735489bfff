// The default, offline CV–JD matcher. Every number comes from facts read off the CV (dated roles, the
// lines that name a skill, degrees) compared with the JD's structured requirements; the same input always
// gives the same output. Identity fields are never read, so blind and non-blind runs score the same.
import type { ParsedCv } from "../parsing/schema.ts";
import { getSkill, lookupSkill, normalizeSkillKey, relatedSkills } from "../skills/taxonomy.ts";
import { type CvFacts, employmentGaps, extractCvFacts, formatMonth, skillTenure } from "./cv-facts.ts";
import { type EducationLevel, fieldMatches, levelInText, levelRank } from "./education-levels.ts";
import {
  type JdRequirements,
  type JobDescriptionInput,
  type MatchWeights,
  type RequiredSkill,
  requirementLabel,
  requirementOptions,
} from "./jd-schema.ts";
import type { Decision, MatchData, SkillMatch, SkillMissing } from "./match-schema.ts";

export const ENGINE_VERSION = "det-1";

export const DEFAULT_WEIGHTS: MatchWeights = {
  technical_skills: 0.55,
  experience: 0.25,
  education: 0.1,
  soft_skills: 0.1,
};

const IMPORTANCE_WEIGHT: Record<RequiredSkill["importance"], number> = {
  critical: 3,
  important: 2,
  "nice-to-have": 1,
};

/** Expected years when a JD gives a seniority but no number. */
const SENIORITY_YEARS: Record<NonNullable<JdRequirements["seniority"]>, number> = {
  intern: 0,
  junior: 0,
  mid: 2,
  senior: 5,
  lead: 7,
  principal: 10,
  executive: 10,
};

export interface MatchInput {
  parsed: ParsedCv;
  jd: JobDescriptionInput;
  cvText: string;
  /** Flags found upstream (e.g. hidden text in the document), quoted into the result. */
  redFlags: string[];
  now: Date;
}

type Evidence = string[];
type DimensionStatus = "assessed" | "not-enough-evidence" | "not-required";

function clamp100(x: number): number {
  return Math.max(0, Math.min(100, Math.round(x)));
}

function proficiency(years: number | null): SkillMatch["proficiency_level"] {
  if (years === null) return null;
  if (years < 1) return "beginner";
  if (years < 3) return "intermediate";
  if (years < 6) return "advanced";
  return "expert";
}

function yearsSince(facts: CvFacts, lastUsed: string | null): number | null {
  if (lastUsed === null) return null;
  if (lastUsed === "Present") return 0;
  if (!/^\d{4}/.test(lastUsed)) return null;
  const year = Number(lastUsed.slice(0, 4));
  const month = lastUsed.length >= 7 ? Number(lastUsed.slice(5, 7)) - 1 : 6;
  return (facts.nowIndex - (year * 12 + month)) / 12;
}

/** Word-bounded phrase search, for JD skills the taxonomy does not know. */
function phraseLines(facts: CvFacts, phrase: string): string[] {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const re = new RegExp(`(^|[^A-Za-z0-9+#])${escaped}($|[^A-Za-z0-9+#])`, "i");
  return facts.lines.filter((l) => re.test(l)).slice(0, 3);
}

interface SkillAssessment {
  matched: SkillMatch | null;
  missing: SkillMissing | null;
  credit: number;
  yearsUnknown: boolean;
}

export function assessSkill(
  facts: CvFacts,
  skill: string,
  importance: RequiredSkill["importance"],
  minYears: number | null,
): SkillAssessment {
  const ref = lookupSkill(skill);
  if (!ref) {
    const lines = phraseLines(facts, skill);
    if (lines.length === 0) {
      return {
        matched: null,
        missing: { skill, skill_id: null, importance, alternatives_found: [], evidence: [] },
        credit: 0,
        yearsUnknown: false,
      };
    }
    const matched: SkillMatch = {
      skill,
      skill_id: null,
      proficiency_level: null,
      years_experience: null,
      last_used: null,
      match_quality: "exact",
      via: [],
      meets_min_years: null,
      evidence: lines,
    };
    return { matched, missing: null, credit: 0.8, yearsUnknown: true };
  }

  const written = facts.written.get(ref.id);
  const implied = facts.impliedBy.get(ref.id);
  if (written || implied) {
    const direct = written !== undefined;
    const via = direct ? [] : [...implied!].sort();
    const tenure = skillTenure(facts, direct ? [ref.id] : via);
    const wantKeys = new Set([normalizeSkillKey(skill), normalizeSkillKey(ref.name)]);
    const quality: SkillMatch["match_quality"] = !direct
      ? "related"
      : [...written!].some((w) => wantKeys.has(w))
        ? "exact"
        : "alias";
    const evidence = [
      ...(direct
        ? (facts.evidence.get(ref.id) ?? [])
        : via.flatMap((v) => facts.evidence.get(v) ?? []).slice(0, 3)),
      ...tenure.roleLines,
    ];
    let credit = direct ? 1 : 0.75;
    let meets: boolean | null = null;
    if (minYears !== null && minYears > 0) {
      if (tenure.years === null) credit *= 0.8;
      else {
        meets = tenure.years >= minYears;
        if (!meets) credit *= 0.5 + 0.5 * (tenure.years / minYears);
      }
    } else if (tenure.years === null) credit *= 0.95;
    const since = yearsSince(facts, tenure.lastUsed);
    if (since !== null && since > 5) credit *= 0.85;
    return {
      matched: {
        skill: ref.name,
        skill_id: ref.id,
        proficiency_level: proficiency(tenure.years),
        years_experience: tenure.years,
        last_used: tenure.lastUsed,
        match_quality: quality,
        via: via.map((v) => getSkill(v)?.name ?? v),
        meets_min_years: meets,
        evidence: [...new Set(evidence)].slice(0, 4),
      },
      missing: null,
      credit,
      yearsUnknown: tenure.years === null,
    };
  }

  const alternatives = relatedSkills(ref.id).filter((id) => facts.written.has(id));
  return {
    matched: null,
    missing: {
      skill: ref.name,
      skill_id: ref.id,
      importance,
      alternatives_found: alternatives.map((id) => getSkill(id)?.name ?? id),
      evidence: alternatives.flatMap((id) => (facts.evidence.get(id) ?? []).slice(0, 1)).slice(0, 3),
    },
    credit: alternatives.length > 0 ? 0.35 : 0,
    yearsUnknown: false,
  };
}

/**
 * A requirement with alternatives is met by whichever of its skills the CV shows best, scored exactly as
 * if the JD had asked for that skill alone; when none is found it is missing once, as the group.
 */
export function assessRequirement(facts: CvFacts, s: RequiredSkill): SkillAssessment {
  const options = requirementOptions(s);
  const assessed = options.map((name) => assessSkill(facts, name, s.importance, s.min_years ?? null));
  if (assessed.length === 1) return assessed[0]!;
  // The first option wins ties, so the order the JD names them decides between equals.
  const best = assessed.reduce((a, b) => (b.credit > a.credit ? b : a));
  if (best.matched) return { ...best, matched: { ...best.matched, requirement: requirementLabel(s) } };
  const found = [...new Set(assessed.flatMap((a) => a.missing?.alternatives_found ?? []))];
  return {
    matched: null,
    missing: {
      skill: requirementLabel(s),
      skill_id: null,
      importance: s.importance,
      alternatives_found: found,
      any_of: assessed.map((a, k) => a.missing?.skill ?? options[k]!),
      evidence: [...new Set(assessed.flatMap((a) => a.missing?.evidence ?? []))].slice(0, 3),
    },
    credit: best.credit,
    yearsUnknown: false,
  };
}

function technicalDimension(facts: CvFacts, req: JdRequirements) {
  const required = req.required_skills.map((s) => ({ s, a: assessRequirement(facts, s) }));
  const preferred = req.preferred_skills.map((name) => ({
    name,
    a: assessSkill(facts, name, "nice-to-have", null),
  }));
  let weightSum = 0;
  let creditSum = 0;
  for (const { s, a } of required) {
    weightSum += IMPORTANCE_WEIGHT[s.importance];
    creditSum += IMPORTANCE_WEIGHT[s.importance] * a.credit;
  }
  const prefRatio =
    preferred.length > 0 ? preferred.reduce((n, p) => n + p.a.credit, 0) / preferred.length : null;
  let score = 0;
  let status: DimensionStatus = "assessed";
  if (required.length > 0) {
    const base = (100 * creditSum) / weightSum;
    // Preferred skills are a bonus of at most a tenth: they separate equals, never outrank a requirement.
    score = prefRatio === null ? base : base * 0.9 + prefRatio * 10;
  } else if (prefRatio !== null) score = prefRatio * 100;
  else status = "not-required";
  const missing = required.filter((r) => r.a.missing).map((r) => r.a.missing!);
  return {
    score: clamp100(score),
    status,
    required_skills_matched: required.filter((r) => r.a.matched).map((r) => r.a.matched!),
    required_skills_missing: missing,
    preferred_skills_matched: preferred.filter((p) => p.a.matched).map((p) => p.a.matched!),
    preferred_skills_missing: preferred.filter((p) => !p.a.matched).map((p) => p.name),
    yearsUnknown: required.filter((r) => r.a.yearsUnknown).length,
    criticalMissing: missing.filter((m) => m.importance === "critical"),
  };
}

function experienceDimension(facts: CvFacts, req: JdRequirements, matched: SkillMatch[]) {
  const skillYears = req.required_skills.map((s) => s.min_years ?? 0).filter((y) => y > 0);
  const requiredYears =
    req.min_experience_years ??
    (skillYears.length > 0 ? Math.max(...skillYears) : null) ??
    (req.seniority !== null ? SENIORITY_YEARS[req.seniority] : null);
  const relevantIds = matched.flatMap((m) => (m.skill_id ? [m.skill_id] : []));
  const relevantTenure = relevantIds.length > 0 ? skillTenure(facts, relevantIds) : null;
  const relevant = relevantTenure?.years ?? (relevantIds.length > 0 ? null : 0);
  const candidate = facts.totalYears;
  const evidence: Evidence = relevantTenure?.roleLines.length
    ? relevantTenure.roleLines
    : facts.roles.slice(0, 3).map((r) => r.line);
  const base = {
    required_years: requiredYears,
    candidate_years: candidate,
    relevant_years: relevant,
    evidence,
  };
  if (requiredYears === null) {
    return {
      ...base,
      score: 0,
      status: "not-required" as DimensionStatus,
      assessment: "not-required" as const,
    };
  }
  if (candidate === null && (relevant === null || relevant === 0)) {
    return {
      ...base,
      score: 40,
      status: "not-enough-evidence" as DimensionStatus,
      assessment: "not-enough-evidence" as const,
    };
  }
  if (requiredYears === 0)
    return { ...base, score: 100, status: "assessed" as DimensionStatus, assessment: "meets" as const };
  const rel = relevant ?? 0;
  const total = candidate ?? rel;
  const relScore = 100 * Math.min(1, rel / requiredYears) ** 1.2;
  const totalScore = 60 * Math.min(1, total / requiredYears) ** 1.2;
  let score = Math.max(relScore, totalScore);
  if (req.max_experience_years !== null && total > req.max_experience_years + 3)
    score = Math.max(60, score - 10);
  const assessment: "exceeds" | "meets" | "below" =
    rel >= requiredYears * 1.5 && rel >= requiredYears + 2
      ? "exceeds"
      : rel >= requiredYears
        ? "meets"
        : "below";
  return { ...base, score: clamp100(score), status: "assessed" as DimensionStatus, assessment };
}

function educationDimension(parsed: ParsedCv, req: JdRequirements) {
  const want = req.education_requirements;
  let best: { level: EducationLevel | null; field: string; line: string } | null = null;
  for (const e of parsed.education) {
    const text = [e.degree, e.field].filter(Boolean).join(" ");
    const level = levelInText(text);
    const line = [e.degree, e.field, e.institution].filter(Boolean).join(", ");
    if (!best || levelRank(level) > levelRank(best.level)) best = { level, field: text, line };
  }
  const base = { required_level: want.level, candidate_level: best?.level ?? null };
  if (want.level === null && want.fields.length === 0) {
    return {
      ...base,
      score: 0,
      status: "not-required" as DimensionStatus,
      assessment: "not-required" as const,
      field_match: null,
      evidence: best ? [best.line] : [],
    };
  }
  // A degree whose level the patterns do not know (Diplom, Licence, Laurea, ...) is no evidence of
  // being below the requirement: it is not enough evidence either way.
  if (!best || (best.level === null && (want.level !== null || !best.field))) {
    return {
      ...base,
      score: want.required ? 30 : 50,
      status: "not-enough-evidence" as DimensionStatus,
      assessment: "not-enough-evidence" as const,
      field_match: null,
      evidence: best ? [best.line] : [],
    };
  }
  const fieldOk = want.fields.length === 0 ? null : fieldMatches(want.fields, best.field, true);
  const fieldScore = fieldOk === false ? 0 : 15;
  let score: number;
  let assessment: "exceeds" | "meets" | "below";
  if (want.level === null || levelRank(best.level) >= levelRank(want.level)) {
    assessment = want.level !== null && levelRank(best.level) > levelRank(want.level) ? "exceeds" : "meets";
    score = 85 + fieldScore;
  } else {
    assessment = "below";
    score = (want.required ? 25 : 55) + fieldScore / 2;
  }
  return {
    ...base,
    score: clamp100(score),
    status: "assessed" as DimensionStatus,
    assessment,
    field_match: fieldOk,
    evidence: [best.line],
  };
}

function softSkillsDimension(facts: CvFacts, req: JdRequirements) {
  const matched: Array<{ skill: string; evidence: Evidence }> = [];
  const missing: string[] = [];
  for (const name of req.soft_skills) {
    const ref = lookupSkill(name);
    const lines = ref ? facts.evidence.get(ref.id) : phraseLines(facts, name);
    if (lines && lines.length > 0) matched.push({ skill: ref?.name ?? name, evidence: lines });
    else missing.push(ref?.name ?? name);
  }
  if (req.soft_skills.length === 0)
    return { score: 0, status: "not-required" as DimensionStatus, matched, missing };
  return {
    score: clamp100((100 * matched.length) / req.soft_skills.length),
    status: "assessed" as DimensionStatus,
    matched,
    missing,
  };
}

function redFlags(facts: CvFacts, upstream: string[]): MatchData["red_flags"] {
  const flags: MatchData["red_flags"] = upstream.map((flag) => ({
    flag,
    severity: "high" as const,
    evidence: [],
  }));
  for (const gap of employmentGaps(facts, 12)) {
    const months = gap.to - gap.from;
    flags.push({
      flag: `Unexplained gap of ${months} months between roles (${formatMonth(gap.from)} – ${formatMonth(gap.to - 1)})`,
      severity: months >= 24 ? "medium" : "low",
      evidence: [],
    });
  }
  const short = facts.roles.filter(
    (r) => !r.isCurrent && r.start !== null && r.end !== null && r.end - r.start < 12 && r.end - r.start > 0,
  );
  if (short.length >= 2) {
    flags.push({
      flag: `${short.length} roles shorter than a year`,
      severity: short.length >= 3 ? "medium" : "low",
      evidence: short.map((r) => r.line).slice(0, 3),
    });
  }
  return flags;
}

function effectiveWeights(
  requested: MatchWeights,
  statuses: Record<keyof MatchWeights, DimensionStatus>,
): MatchWeights {
  const w = { ...requested };
  for (const key of Object.keys(w) as Array<keyof MatchWeights>)
    if (statuses[key] === "not-required") w[key] = 0;
  const sum = w.technical_skills + w.experience + w.education + w.soft_skills;
  if (sum === 0) return { technical_skills: 0, experience: 0, education: 0, soft_skills: 0 };
  const round = (x: number) => Math.round((x / sum) * 1000) / 1000;
  return {
    technical_skills: round(w.technical_skills),
    experience: round(w.experience),
    education: round(w.education),
    soft_skills: round(w.soft_skills),
  };
}

function decide(score: number): Decision {
  if (score >= 80) return "strong-yes";
  if (score >= 65) return "yes";
  if (score >= 50) return "maybe";
  if (score >= 35) return "no";
  return "strong-no";
}

const NEXT_STEPS: Record<Decision, string> = {
  "strong-yes": "Schedule a technical interview",
  yes: "Schedule a screening call",
  maybe: "Review manually; screen on the open points before deciding",
  no: "Keep on file; not a fit for this role as described",
  "strong-no": "Decline",
};

/** Matches one CV against one JD. Pure: the same input gives the same output. */
export function matchCv(input: MatchInput): MatchData {
  const { parsed, jd, cvText, now } = input;
  const req = jd.requirements;
  const facts = extractCvFacts(parsed, cvText, now);

  const technical = technicalDimension(facts, req);
  const experience = experienceDimension(facts, req, technical.required_skills_matched);
  const education = educationDimension(parsed, req);
  const soft = softSkillsDimension(facts, req);

  const weights = effectiveWeights(req.weights ?? DEFAULT_WEIGHTS, {
    technical_skills: technical.status,
    experience: experience.status,
    education: education.status,
    soft_skills: soft.status,
  });
  let overall =
    technical.score * weights.technical_skills +
    experience.score * weights.experience +
    education.score * weights.education +
    soft.score * weights.soft_skills;
  // A missing critical skill cannot be outweighed by the rest: scale the score down (keeping the order
  // among such candidates) and keep it below "maybe".
  const criticalWithout = technical.criticalMissing.filter((m) => m.alternatives_found.length === 0).length;
  const criticalWithAlt = technical.criticalMissing.length - criticalWithout;
  if (criticalWithout + criticalWithAlt > 0) {
    overall *= Math.max(0.3, 1 - 0.4 * criticalWithout - 0.15 * criticalWithAlt);
    overall = Math.min(overall, criticalWithout > 0 ? 49 : 64);
  }
  if (
    education.status === "assessed" &&
    education.assessment === "below" &&
    req.education_requirements.required
  ) {
    overall = Math.min(overall, 55);
  }
  const score = clamp100(overall);
  const decision = decide(score);

  const flags = redFlags(facts, input.redFlags);
  const strengths: MatchData["strengths"] = [];
  for (const m of technical.required_skills_matched) {
    if (m.match_quality !== "related" && m.years_experience !== null && m.years_experience >= 3) {
      strengths.push({
        strength: `${m.skill}: ${m.years_experience} years, last used ${m.last_used}`,
        evidence: m.evidence.slice(0, 2),
      });
    }
  }
  if (experience.assessment === "exceeds") {
    strengths.push({
      strength: `${experience.relevant_years} years of relevant experience (${experience.required_years} asked)`,
      evidence: experience.evidence.slice(0, 2),
    });
  }
  if (education.status === "assessed" && education.assessment === "exceeds") {
    strengths.push({
      strength: `Degree above the level asked (${education.candidate_level})`,
      evidence: education.evidence,
    });
  }

  const indicators: MatchData["culture_fit"]["indicators"] = [];
  const remoteLines = facts.lines.filter((l) => /\b(remote|distributed team|async)/i.test(l)).slice(0, 2);
  if ((req.remote === "remote" || req.remote === "hybrid") && remoteLines.length > 0) {
    indicators.push({ indicator: "Has worked remotely or in distributed teams", evidence: remoteLines });
  }
  const spoken = new Set(parsed.languages.map((l) => l.language.toLowerCase()));
  for (const language of req.languages) {
    const has =
      spoken.has(language.toLowerCase()) ||
      facts.lines.some((l) => new RegExp(`\\b${language}\\b`, "i").test(l));
    indicators.push({ indicator: has ? `Speaks ${language}` : `No evidence of ${language}`, evidence: [] });
  }
  const ossLines = facts.lines.filter((l) => /\bopen[- ]source\b/i.test(l)).slice(0, 2);
  if (ossLines.length > 0) indicators.push({ indicator: "Open-source contributions", evidence: ossLines });
  const mentoringEvidence = facts.evidence.get("mentoring");
  if (mentoringEvidence) indicators.push({ indicator: "Mentors others", evidence: mentoringEvidence });

  const focus: string[] = [];
  for (const m of technical.required_skills_missing) {
    if (m.importance === "nice-to-have") continue;
    focus.push(
      m.alternatives_found.length > 0
        ? `${m.skill}: not in the CV; probe transfer from ${m.alternatives_found.join(", ")}`
        : `${m.skill}: not in the CV`,
    );
  }
  for (const m of technical.required_skills_matched) {
    if (m.years_experience === null)
      focus.push(`${m.skill}: named but no dated role shows how long it was used`);
    else if (m.meets_min_years === false)
      focus.push(`${m.skill}: ${m.years_experience} years, below the minimum asked`);
  }
  if (experience.assessment === "not-enough-evidence")
    focus.push("Experience: the CV's roles carry no usable dates");
  for (const f of flags) focus.push(`Red flag: ${f.flag}`);

  let confidence = 100;
  if (experience.status === "not-enough-evidence") confidence -= 20;
  if (education.status === "not-enough-evidence") confidence -= 10;
  confidence -= Math.min(25, 5 * technical.yearsUnknown);
  if (cvText.trim().length < 300) confidence -= 15;
  if (input.redFlags.length > 0) confidence -= 15;
  confidence = Math.max(20, Math.min(100, confidence));

  const reqCount = req.required_skills.length;
  const summaryParts: string[] = [];
  if (reqCount > 0) {
    const missingNames = technical.required_skills_missing.map((m) => m.skill);
    summaryParts.push(
      `Matches ${technical.required_skills_matched.length} of ${reqCount} required skills` +
        (missingNames.length > 0 ? ` (missing: ${missingNames.slice(0, 4).join(", ")})` : ""),
    );
  }
  if (experience.status === "assessed") {
    summaryParts.push(
      `${experience.relevant_years ?? 0} years relevant experience against ${experience.required_years} asked (${experience.assessment})`,
    );
  } else if (experience.status === "not-enough-evidence") summaryParts.push("experience could not be dated");
  if (education.status !== "not-required") summaryParts.push(`education ${education.assessment}`);
  const summary = `${summaryParts.join("; ")}. Score ${score}/100.`;

  const reasoning =
    technical.criticalMissing.length > 0
      ? `Missing critical skill${technical.criticalMissing.length > 1 ? "s" : ""}: ${technical.criticalMissing.map((m) => m.skill).join(", ")}. ${summary}`
      : summary;

  return {
    engine: "deterministic",
    engine_version: ENGINE_VERSION,
    overall_match_score: score,
    match_summary: summary,
    weights,
    technical_skills_match: {
      score: technical.score,
      status: technical.status,
      required_skills_matched: technical.required_skills_matched,
      required_skills_missing: technical.required_skills_missing,
      preferred_skills_matched: technical.preferred_skills_matched,
      preferred_skills_missing: technical.preferred_skills_missing,
    },
    experience_match: {
      score: experience.score,
      status: experience.status,
      assessment: experience.assessment,
      required_years: experience.required_years,
      candidate_years: experience.candidate_years,
      relevant_years: experience.relevant_years,
      evidence: experience.evidence,
    },
    education_match: education,
    soft_skills_match: soft,
    culture_fit: { indicators },
    red_flags: flags,
    strengths,
    recommendation: {
      decision,
      confidence,
      reasoning,
      interview_focus_areas: focus.slice(0, 8),
      next_steps: NEXT_STEPS[decision],
    },
  };
}

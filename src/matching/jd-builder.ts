// Turns a free-text job description into structured requirements, offline: section headings and line
// cues decide importance, the skills taxonomy finds the skills. The result is a starting point the user
// edits; `mergeJdRequirements` makes every edited field win over a later re-derivation.
import { findSkillsInText, getSkill, type SkillMention } from "../skills/taxonomy.ts";
import { fieldFamilies, lowestLevelInText } from "./education-levels.ts";
import { type JdRequirements, jdRequirementsSchema, type RequiredSkill } from "./jd-schema.ts";

type Importance = RequiredSkill["importance"];
type Section = "required" | "preferred" | "responsibilities" | "about" | "benefits";

const SECTION_HEADINGS: Array<[Section, RegExp]> = [
  [
    "preferred",
    /\b(nice[- ]to[- ]haves?|bonus( points)?|preferred|desirable|pluses|good to have|extra credit|ideally)\b/i,
  ],
  [
    "required",
    /\b(requirements?|required|must[- ]haves?|qualifications?|what you('| wi)ll (need|bring)|what we('re| are) looking for|who you are|skills|you have|your profile|essential|experience)\b/i,
  ],
  [
    "responsibilities",
    /\b(responsibilities|what you('| wi)ll do|the role|your role|duties|day[- ]to[- ]day|you will)\b/i,
  ],
  ["benefits", /\b(benefits|perks|what we offer|compensation|why join|salary)\b/i],
  ["about", /\b(about (us|the company|the team)|who we are|our mission|company)\b/i],
];

const PREFERRED_CUE =
  /\b(nice to have|a plus|is a plus|are a plus|bonus|preferred|preferably|desirable|ideally|familiarity|exposure to|good to have|advantage|advantageous|not required|optional)\b/i;
const CRITICAL_CUE =
  /\b(must|strong|expert|expertise|deep|proficien(t|cy)|essential|required|mandatory|extensive|advanced)\b/i;
/** Business-domain categories: named in a blurb or a duty they describe the company, not a requirement. */
const DOMAIN_CATEGORIES = new Set([
  "business-finance",
  "marketing-sales",
  "management",
  "people-legal",
  "healthcare-education",
]);
const YEARS_RANGE = /(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\+?\s*(?:years?|yrs?)/i;
const YEARS_MIN =
  /(\d{1,2})\s*\+?\s*(?:years?|yrs?)|(?:at least|minimum( of)?|min\.?)\s*(\d{1,2})\s*(?:years?|yrs?)/i;
const WORD_NUMBERS: Record<string, string> = {
  one: "1",
  two: "2",
  three: "3",
  four: "4",
  five: "5",
  six: "6",
  seven: "7",
  eight: "8",
  nine: "9",
  ten: "10",
};

const SPOKEN_LANGUAGES = [
  "English",
  "Spanish",
  "French",
  "German",
  "Italian",
  "Portuguese",
  "Dutch",
  "Polish",
  "Russian",
  "Ukrainian",
  "Arabic",
  "Hebrew",
  "Turkish",
  "Mandarin",
  "Chinese",
  "Cantonese",
  "Japanese",
  "Korean",
  "Hindi",
  "Bengali",
  "Urdu",
  "Swedish",
  "Norwegian",
  "Danish",
  "Finnish",
  "Greek",
  "Czech",
  "Romanian",
  "Hungarian",
  "Vietnamese",
  "Thai",
  "Indonesian",
  "Malay",
  "Tagalog",
  "Swahili",
  "Catalan",
];
const LANGUAGE_CUE =
  /\b(fluent|fluency|native|language|languages|speak|speaking|spoken|written|bilingual|proficiency|business[- ]level|C1|C2|B2)\b/i;

function isHeading(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 60) return false;
  return /:$/.test(t) || /^#+\s/.test(t) || (/^[A-Z][^.!?]*$/.test(t) && t.split(/\s+/).length <= 6);
}

function headingSection(line: string): Section | null {
  for (const [section, pattern] of SECTION_HEADINGS) if (pattern.test(line)) return section;
  return null;
}

function normalizeNumberWords(line: string): string {
  return line.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten)\b(?=\s*\+?\s*(years?|yrs?))/gi,
    (w) => {
      return WORD_NUMBERS[w.toLowerCase()] ?? w;
    },
  );
}

function yearsOnLine(line: string): { min: number | null; max: number | null } {
  const text = normalizeNumberWords(line);
  const range = YEARS_RANGE.exec(text);
  if (range) return { min: Number(range[1]), max: Number(range[2]) };
  const min = YEARS_MIN.exec(text);
  if (min) return { min: Number(min[1] ?? min[3]), max: null };
  return { min: null, max: null };
}

const IMPORTANCE_RANK: Record<Importance, number> = { critical: 3, important: 2, "nice-to-have": 1 };

interface SkillEntry {
  /** One skill, or the skills of a requirement any of which meets it ("Python or Go"). */
  ids: string[];
  importance: Importance;
  minYears: number | null;
  preferred: boolean;
  firstIndex: number;
}

function deriveSeniority(title: string, minYears: number | null): JdRequirements["seniority"] {
  const t = title.toLowerCase();
  if (/\b(intern|internship|trainee|apprentice)\b/.test(t)) return "intern";
  if (/\b(chief|cto|cio|ceo|vp|vice president|head of|director)\b/.test(t)) return "executive";
  if (/\bprincipal|distinguished|fellow\b/.test(t)) return "principal";
  if (/\b(lead|staff|manager|architect)\b/.test(t)) return "lead";
  if (/\b(senior|sr\.?|snr)\b/.test(t)) return "senior";
  if (/\b(junior|jr\.?|graduate|entry[- ]level|associate)\b/.test(t)) return "junior";
  if (/\b(mid|intermediate|mid-level)\b/.test(t)) return "mid";
  if (minYears === null) return null;
  if (minYears < 2) return "junior";
  if (minYears < 5) return "mid";
  if (minYears < 8) return "senior";
  return "lead";
}

function deriveRemote(text: string): JdRequirements["remote"] {
  if (/\bhybrid\b/i.test(text)) return "hybrid";
  if (
    /\b(fully remote|remote[- ]first|100% remote|remote position|work from (home|anywhere)|remote)\b/i.test(
      text,
    )
  ) {
    if (/\b(not remote|no remote)\b/i.test(text)) return "onsite";
    return "remote";
  }
  if (/\b(on[- ]?site|in[- ]office|in the office|office[- ]based)\b/i.test(text)) return "onsite";
  return null;
}

/** Derives structured requirements from a JD's title and free text. Pure and deterministic. */
export function deriveJdRequirements(input: { title: string; description: string }): JdRequirements {
  const skills = new Map<string, SkillEntry>();
  const groups = new Map<string, SkillEntry>();
  const softSkills: string[] = [];
  const languages: string[] = [];
  let minExperience: number | null = null;
  let maxExperience: number | null = null;
  let educationLevel: ReturnType<typeof lowestLevelInText> = null;
  let educationRequired = false;
  const educationFields = new Set<string>();
  let order = 0;

  const note = (
    mention: SkillMention,
    importance: Importance,
    preferred: boolean,
    minYears: number | null,
  ) => {
    const category = getSkill(mention.id)?.category;
    if (category === "soft-skill") {
      if (!softSkills.includes(mention.name)) softSkills.push(mention.name);
      return;
    }
    const existing = skills.get(mention.id);
    if (!existing) {
      skills.set(mention.id, { ids: [mention.id], importance, minYears, preferred, firstIndex: order++ });
      return;
    }
    // A skill named both as required and as preferred is required; the strongest importance wins.
    if (!preferred) existing.preferred = false;
    if (IMPORTANCE_RANK[importance] > IMPORTANCE_RANK[existing.importance]) existing.importance = importance;
    if (minYears !== null) existing.minYears = Math.max(existing.minYears ?? 0, minYears);
  };

  const noteGroup = (
    group: SkillMention[],
    importance: Importance,
    preferred: boolean,
    minYears: number | null,
  ) => {
    // Preferred skills are a flat list of names: a preferred "X or Y" stays two bonus skills.
    if (preferred) {
      for (const mention of group) note(mention, importance, preferred, minYears);
      return;
    }
    const ids = group.map((m) => m.id);
    const key = `any:${[...ids].sort().join("|")}`;
    const existing = groups.get(key);
    if (!existing) {
      groups.set(key, { ids, importance, minYears, preferred, firstIndex: order++ });
      return;
    }
    if (IMPORTANCE_RANK[importance] > IMPORTANCE_RANK[existing.importance]) existing.importance = importance;
    if (minYears !== null) existing.minYears = Math.max(existing.minYears ?? 0, minYears);
  };

  // The title names the core of the role: its skills are critical.
  for (const mention of findSkillsInText(input.title)) note(mention, "critical", false, null);

  let section: Section = "about";
  let sawStructure = false;
  for (const rawLine of input.description.split(/\r?\n|(?<=[.;])\s+(?=[A-Z])/)) {
    const line = rawLine.trim();
    if (!line) continue;
    if (isHeading(line)) {
      const s = headingSection(line);
      if (s) {
        section = s;
        sawStructure = true;
        // A heading like "Requirements: 5+ years of Python" carries content too; fall through.
        if (line.length < 40 && !/:\s*\S/.test(line)) continue;
      }
    }
    if (section === "benefits") continue;

    const years = yearsOnLine(line);
    const mentions = findSkillsInText(line);
    const technical = mentions.filter((m) => getSkill(m.id)?.category !== "soft-skill");
    const preferredLine = section === "preferred" || PREFERRED_CUE.test(line);
    // "X, Y or Z" lists alternatives: none of them alone is critical, and their years are the role's.
    // The group they form is one requirement, as important as a single skill on the same line.
    const alternativesLine = technical.length >= 2 && /\bor\b/i.test(line);
    let lineImportance: Importance;
    if (preferredLine) lineImportance = "nice-to-have";
    else if (section === "required" || !sawStructure)
      lineImportance = CRITICAL_CUE.test(line) || years.min !== null ? "critical" : "important";
    else if (section === "responsibilities") lineImportance = "important";
    else lineImportance = "nice-to-have";

    if (years.min !== null && /\bexperience|experienced|years\b/i.test(line) && !preferredLine) {
      // A years figure without a specific skill (or about the role as a whole) sets the overall minimum.
      if (
        technical.length === 0 ||
        alternativesLine ||
        /\b(professional|industry|overall|total|software|commercial|relevant|work|roles?|positions?)\b/i.test(
          line,
        )
      ) {
        if (minExperience === null || years.min > minExperience) minExperience = years.min;
        if (years.max !== null) maxExperience = years.max;
      }
    }

    const level = lowestLevelInText(line);
    const educationLine =
      level !== null &&
      /\b(degree|bachelor|master|phd|diploma|bsc|msc|ba|bs|ms|education|graduate|qualification)/i.test(line);
    if (educationLine && level) {
      const lineRequired = !preferredLine && !/\bor equivalent (practical |work )?experience\b/i.test(line);
      if (!preferredLine || educationLevel === null) {
        if (educationLevel === null || EDU_ORDER.indexOf(level) < EDU_ORDER.indexOf(educationLevel))
          educationLevel = level;
      }
      educationRequired ||= lineRequired && (section === "required" || /\b(required|must)\b/i.test(line));
      for (const field of fieldFamilies(line)) educationFields.add(field);
    }

    for (const language of SPOKEN_LANGUAGES) {
      if (languages.includes(language) || !new RegExp(`\\b${language}\\b`).test(line)) continue;
      // "English required", "German is a must": the language named as the requirement itself.
      const required = new RegExp(
        `\\b${language}\\s+(?:is\\s+|are\\s+)?(?:required|mandatory|essential|a must|needed)\\b`,
        "i",
      );
      if (LANGUAGE_CUE.test(line) || required.test(line)) languages.push(language);
    }

    // Company blurbs name the domain, not requirements; a degree line names fields of study, not skills;
    // generic "software development experience" lines set the overall years, not a skill.
    const skillMentions =
      (sawStructure && section === "about") || educationLine
        ? []
        : mentions.filter((m) => {
            if (input.title.includes(m.match)) return true;
            if (GENERIC_IN_JD.has(m.id)) return false;
            // "We are hiring a …" announces the role; it does not ask for hiring skills.
            if (m.id === "hiring" && WE_ARE_HIRING.test(line)) return false;
            const category = getSkill(m.id)?.category ?? "";
            return !(DOMAIN_CATEGORIES.has(category) && section !== "required" && sawStructure);
          });
    const lineGroups = alternativeGroups(line, skillMentions);
    const grouped = new Set(lineGroups.flat());
    const units: SkillMention[][] = [
      ...lineGroups,
      ...skillMentions.filter((m) => !grouped.has(m)).map((m) => [m]),
    ];
    // A group counts once among the line's skills when deciding whether its years are the skills' own.
    const technicalUnits = technical.length - lineGroups.reduce((n, g) => n + g.length - 1, 0);
    for (const unit of units) {
      const importance: Importance =
        unit.length === 1 && alternativesLine && !preferredLine ? "important" : lineImportance;
      // Years on a line with a single skill (or a short list) apply to those skills.
      const skillYears =
        years.min !== null && !alternativesLine && technical.length > 0 && technicalUnits <= 3
          ? years.min
          : null;
      if (unit.length === 1) note(unit[0]!, importance, preferredLine, skillYears);
      else noteGroup(unit, importance, preferredLine, skillYears);
    }
  }

  // A group is moot when one of its skills is required on its own: that requirement already asks more.
  const requiredAlone = new Set([...skills.values()].filter((e) => !e.preferred).map((e) => e.ids[0]!));
  const liveGroups = [...groups.values()].filter((g) => !g.ids.some((id) => requiredAlone.has(id)));
  const entries = [...skills.values(), ...liveGroups].sort((a, b) => a.firstIndex - b.firstIndex);
  const nameOf = (id: string) => getSkill(id)!.name;
  const required_skills = entries
    .filter((e) => !e.preferred)
    .map((e) => ({
      skill: nameOf(e.ids[0]!),
      importance: e.importance,
      min_years: e.minYears,
      ...(e.ids.length > 1 ? { alternatives: e.ids.slice(1).map(nameOf) } : {}),
    }));
  const preferred_skills = entries.filter((e) => e.preferred).map((e) => nameOf(e.ids[0]!));
  if (minExperience === null) {
    const skillMins = required_skills.map((s) => s.min_years ?? 0);
    if (skillMins.some((y) => y > 0)) minExperience = Math.max(...skillMins);
  }

  return jdRequirementsSchema.parse({
    required_skills,
    preferred_skills,
    min_experience_years: minExperience,
    max_experience_years:
      maxExperience !== null && minExperience !== null && maxExperience >= minExperience
        ? maxExperience
        : null,
    seniority: deriveSeniority(input.title, minExperience),
    education_requirements: {
      level: educationLevel,
      fields: [...educationFields],
      required: educationRequired,
    },
    soft_skills: softSkills,
    languages,
    remote: deriveRemote(`${input.title}\n${input.description}`),
    weights: null,
  });
}

/** "Python or Go", "Python, Java or Go", "PostgreSQL and/or MySQL". */
const OR_LINK = /^\s*,?\s*(?:or|and\/or)\s+$/i;
const SLASH_LINK = /^\s*\/\s*$/;
const COMMA_LINK = /^\s*,\s*$/;
/** Written with a slash but asked for together: "HTML/CSS" means both. */
const SLASH_BOTH = new Set(["css|html"]);

/**
 * The runs of skills on a line that are alternatives to one another: joined by "or" ("Python or Go"), by
 * a slash between two distinct catalog skills of one category ("PostgreSQL/MySQL"; "CI/CD" and "TCP/IP"
 * are single catalog skills and never reach here), and a comma list of that category leading into an "or"
 * ("Java, Kotlin or Scala"). `mentions` are in text order.
 */
export function alternativeGroups(line: string, mentions: SkillMention[]): SkillMention[][] {
  const technical = mentions.filter((m) => getSkill(m.id)?.category !== "soft-skill");
  const category = (m: SkillMention) => getSkill(m.id)?.category;
  const link = (a: SkillMention, b: SkillMention): "or" | "slash" | "comma" | null => {
    if (a.id === b.id) return null;
    const gap = line.slice(a.index + a.match.length, b.index);
    if (OR_LINK.test(gap)) return "or";
    if (SLASH_LINK.test(gap) && category(a) === category(b) && !SLASH_BOTH.has([a.id, b.id].sort().join("|")))
      return "slash";
    if (COMMA_LINK.test(gap) && category(a) === category(b)) return "comma";
    return null;
  };
  const groups: SkillMention[][] = [];
  let i = 0;
  while (i < technical.length) {
    let j = i;
    let hasOr = false;
    while (j + 1 < technical.length) {
      const kind = link(technical[j]!, technical[j + 1]!);
      if (kind === null) break;
      if (kind !== "comma") hasOr = true;
      j++;
    }
    if (hasOr) {
      // A comma run only counts up to the last "or"/slash: "Python, Go or Rust, Docker" stops at Rust.
      let end = j;
      while (end > i && link(technical[end - 1]!, technical[end]!) === "comma") end--;
      const members = technical.slice(i, end + 1);
      const unique = members.filter((m, k) => members.findIndex((o) => o.id === m.id) === k);
      if (unique.length >= 2) groups.push(unique);
      i = end + 1;
    } else i = j + 1;
  }
  return groups;
}

/** The company announcing the role ("We're hiring", "Acme is hiring", "now hiring"). */
const WE_ARE_HIRING = /\b(?:we(?:['’]re| are)|is|are|now|currently)\s+hiring\b/i;

/** Skills too generic to require when a JD line merely mentions them. */
const GENERIC_IN_JD = new Set(["software-engineering", "research", "reporting", "data-entry"]);

const EDU_ORDER = ["none", "high-school", "associate", "bachelor", "master", "phd"];

/**
 * Combines a fresh derivation with what the user set: every field named in `userFields` (top-level keys
 * of JdRequirements) takes the user's value, whatever the derivation says now.
 */
export function mergeJdRequirements(
  derived: JdRequirements,
  userSet: Partial<JdRequirements>,
  userFields: string[],
): JdRequirements {
  const merged: Record<string, unknown> = { ...derived };
  for (const field of userFields) {
    if (field in userSet) merged[field] = (userSet as Record<string, unknown>)[field];
  }
  return jdRequirementsSchema.parse(merged);
}

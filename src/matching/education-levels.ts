// Degree levels and fields of study, read from free text (a JD line or a CV's degree string).
export const EDUCATION_LEVELS = ["none", "high-school", "associate", "bachelor", "master", "phd"] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export function levelRank(level: EducationLevel | null): number {
  return level === null ? -1 : EDUCATION_LEVELS.indexOf(level);
}

// Ordered highest first so "PhD, MSc" reads as phd. Each pattern ends in `(?!\w)`, not `\b`: a `\b` after
// an abbreviation's final period ("B.S., Computer Science") would need a letter to follow, and never matches.
const LEVEL_PATTERNS: Array<[EducationLevel, RegExp]> = [
  ["phd", /\b(ph\.?\s?d|doctorate|doctoral|d\.?phil|doctor of)(?!\w)/i],
  [
    "master",
    /\b(master'?s?|m\.?sc|m\.?s\.|ms in|m\.?eng|m\.?tech|mba|m\.?a\.|ma in|m\.?phil|mres|llm|postgraduate|post-graduate|graduate degree)(?!\w)/i,
  ],
  [
    "bachelor",
    /\b(bachelor'?s?|b\.?sc|b\.?s\.|bs in|b\.?eng|b\.?tech|b\.?a\.|ba in|ba \(hons\)|bba|llb|undergraduate|licenciatura|university degree|college degree|4-year degree|four-year degree)(?!\w)/i,
  ],
  ["associate", /\b(associate'?s? degree|associate of|a\.?a\.?s\.?|hnd|hnc|foundation degree)(?!\w)/i],
  ["high-school", /\b(high school|secondary school|ged|a-levels?|baccalaureate|hsc)(?!\w)/i],
];

/** Highest degree level named in `text`, or null. */
export function levelInText(text: string): EducationLevel | null {
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(text)) return level;
  return null;
}

/** Lowest degree level named in `text` ("Bachelor's; Master's preferred" → bachelor), or null. */
export function lowestLevelInText(text: string): EducationLevel | null {
  let found: EducationLevel | null = null;
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(text)) found = level;
  return found;
}

/** Field families: a JD field matches a CV field of the same family. */
const FIELD_FAMILIES: Array<{ name: string; pattern: RegExp }> = [
  {
    name: "Computer Science",
    pattern:
      /\b(computer science|computing|informatics|software engineering|computer engineering|information technology|information systems|\bcs\b|\bit\b|data science|artificial intelligence)\b/i,
  },
  { name: "Engineering", pattern: /\b(engineering|mechatronics)\b/i },
  { name: "Electrical Engineering", pattern: /\b(electrical|electronic|electronics)\b/i },
  { name: "Mathematics", pattern: /\b(mathematics|maths?|applied math|statistics|actuarial)\b/i },
  { name: "Physics", pattern: /\bphysics\b/i },
  { name: "Business", pattern: /\b(business|management|commerce|mba|marketing|administration)\b/i },
  { name: "Finance", pattern: /\b(finance|accounting|economics|accountancy)\b/i },
  { name: "Design", pattern: /\b(design|fine arts|visual arts|hci|human-computer interaction)\b/i },
  {
    name: "Life Sciences",
    pattern: /\b(biology|biochemistry|bioinformatics|life sciences|chemistry|biotechnology)\b/i,
  },
  { name: "Medicine", pattern: /\b(medicine|nursing|pharmacy|health sciences)\b/i },
  { name: "Law", pattern: /\b(law|legal studies|jurisprudence)\b/i },
  { name: "Education", pattern: /\b(education|pedagogy|teaching)\b/i },
  {
    name: "Humanities",
    pattern: /\b(english|literature|history|philosophy|linguistics|journalism|communications?)\b/i,
  },
  { name: "Psychology", pattern: /\b(psychology|cognitive science)\b/i },
];

/** STEM families accept each other when a JD says "or a related field". */
const STEM = new Set(["Computer Science", "Engineering", "Electrical Engineering", "Mathematics", "Physics"]);

export function fieldFamilies(text: string): string[] {
  return FIELD_FAMILIES.filter((f) => f.pattern.test(text)).map((f) => f.name);
}

/** True when a candidate's field (free text) fits one of the JD's fields. */
export function fieldMatches(jdFields: string[], candidateField: string, relatedAccepted: boolean): boolean {
  const want = new Set(jdFields.flatMap((f) => fieldFamilies(f)));
  const have = fieldFamilies(candidateField);
  if (have.some((f) => want.has(f))) return true;
  if (!relatedAccepted) return false;
  const wantStem = [...want].some((f) => STEM.has(f));
  return wantStem && have.some((f) => STEM.has(f));
}

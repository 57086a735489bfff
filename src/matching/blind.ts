// Blind screening: what the matcher (and any LLM) sees carries no name, contact details, address or
// location, photo, date of birth or age, gender markers or nationality. Skills, roles, dates and degrees
// stay, because they are what the match is about.
import type { ParsedCv } from "../parsing/schema.ts";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Seven or more digits with the usual separators: phone numbers, not years or date ranges.
const PHONE = /(?:\+|00)?\d[\d\s().-]{6,}\d/g;
const URL =
  /\b(?:https?:\/\/|www\.)\S+|\b(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com)\/\S*/gi;
const PERSONAL_LINE =
  /^\s*(date of birth|d\.?o\.?b\.?|born|birth ?date|age|gender|sex|nationality|citizenship|marital status|civil status|religion|photo|picture|place of birth|passport|visa status|address|home address|pronouns)\b\s*[:\-–]/i;
const PHOTO_REF =
  /\b(photo|photograph|headshot|portrait|profile picture)\b[^\n]*\.(jpe?g|png|gif|webp)\b|\[(photo|image)[^\]]*\]/gi;
const AGE_PHRASE = /\b\d{2}\s*(years old|yrs old|y\/o|year-old)\b|\bage(d)?\s*:?\s*\d{2}\b/gi;
const HONORIFIC = /\b(Mr|Mrs|Ms|Miss|Mx|Sir|Madam|Mme|Mlle|Herr|Frau|Sr|Sra|Srta)\.?(?=\s+[A-Z[])/g;
const PRONOUN_TAGS = /\b(he\/him|she\/her|they\/them)(\/\w+)?\b/gi;
const PRONOUNS: Array<[RegExp, string]> = [
  [/\b(he|she)\b/gi, "they"],
  [/\bhim\b/gi, "them"],
  [/\b(his|hers)\b/gi, "their"],
  [/\b(himself|herself)\b/gi, "themselves"],
];
/** Words after which "her" is an object ("thanked her for"), not a possessive ("her team"). */
const NOT_POSSESSED = new Set([
  "for",
  "to",
  "and",
  "or",
  "in",
  "on",
  "with",
  "at",
  "as",
  "by",
  "from",
  "about",
  "when",
  "that",
  "the",
  "a",
  "an",
  "into",
  "over",
  "during",
  "after",
  "before",
]);
const GENDER_WORDS = /\b(male|female|man|woman|mother of|father of|wife|husband|maternity|paternity)\b/gi;
const NATIONALITY_PHRASE = /\b(citizen of|national of|citizenship)\b[^\n,.;]*/gi;
const STREET =
  /\b\d{1,5}\s+[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)*\s+(Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl)\b\.?[^\n|]*/g;
// Street type first, number last: "Calle Mayor 12", "Rue de Rivoli 5".
const STREET_FIRST =
  /\b(Calle|Carrer|Rue|Via|Viale|Avenida|Avda\.?|Rua|Plaza|Piazza|Praça|Ulica|ul\.)\s+[^\n,|]{2,40}?\s+\d{1,5}\w?\b/g;
const STREET_COMPOUND =
  /\b[A-ZÄÖÜ][a-zäöüß]+(straße|strasse|weg|gasse|platz|allee|laan|straat|gatan|vej)\s+\d{1,5}\w?\b/g;
const POSTCODE_UK = /\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b/g;

/** `replacement` with the capitalisation of `original`'s first letter. */
function sameCase(original: string, replacement: string): string {
  return /^[A-Z]/.test(original) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Words to hide wherever they appear: each part of the name, the location's place names. */
function identityTerms(parsed: ParsedCv): string[] {
  const terms = new Set<string>();
  if (parsed.candidate_name) {
    terms.add(parsed.candidate_name);
    for (const part of parsed.candidate_name.split(/[\s,]+/))
      if (part.replace(/\./g, "").length >= 2) terms.add(part);
  }
  if (parsed.location) {
    terms.add(parsed.location);
    for (const part of parsed.location.split(/\s*,\s*/)) if (part.length >= 3) terms.add(part);
  }
  if (parsed.github_username) terms.add(parsed.github_username);
  // Longest first so a full name is replaced before its parts.
  return [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function redactText(text: string, terms: string[]): string {
  let out = text
    .split(/\r?\n/)
    .map((line) => (PERSONAL_LINE.test(line) ? "[redacted]" : line))
    .join("\n");
  out = out.replace(URL, "[link]").replace(EMAIL, "[email]").replace(PHOTO_REF, "[photo]");
  out = out.replace(PHONE, (m) => (/^\d{4}\s*[-–]\s*\d{4}$/.test(m.trim()) ? m : "[phone]"));
  out = out
    .replace(STREET, "[address]")
    .replace(STREET_FIRST, "[address]")
    .replace(STREET_COMPOUND, "[address]")
    .replace(POSTCODE_UK, "[address]")
    .replace(AGE_PHRASE, "[age]")
    .replace(NATIONALITY_PHRASE, "[redacted]");
  for (const term of terms) {
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, "giu"),
      "[redacted]",
    );
  }
  out = out.replace(HONORIFIC, "").replace(PRONOUN_TAGS, "");
  out = out.replace(
    /\bher\b(\s+([A-Za-z]+))?/gi,
    (match: string, tail: string | undefined, word: string | undefined) => {
      const possessive = word !== undefined && !NOT_POSSESSED.has(word.toLowerCase());
      return sameCase(match, possessive ? "their" : "them") + (tail ?? "");
    },
  );
  for (const [re, repl] of PRONOUNS) out = out.replace(re, (m) => sameCase(m, repl));
  out = out.replace(GENDER_WORDS, "[redacted]");
  return out;
}

function redactNullable(text: string | null, terms: string[]): string | null {
  return text === null ? null : redactText(text, terms);
}

/** Removes identity and protected attributes from a parse and its text before matching. */
export function redactForMatching(parsed: ParsedCv, cvText: string): { parsed: ParsedCv; cvText: string } {
  const terms = identityTerms(parsed);
  const links: ParsedCv["links"] = { linkedin: null, github: null, website: null };
  const redacted: ParsedCv = {
    ...parsed,
    candidate_name: null,
    email: null,
    phone: null,
    location: null,
    links,
    github_username: null,
    summary: redactNullable(parsed.summary, terms),
    experience: parsed.experience.map((e) => ({
      ...e,
      location: null,
      description: redactNullable(e.description, terms),
      highlights: e.highlights.map((h) => redactText(h, terms)),
    })),
    education: parsed.education.map((e) => ({ ...e })),
    skills: parsed.skills.map((s) => ({ ...s })),
    languages: parsed.languages.map((l) => ({ ...l })),
    certifications: [...parsed.certifications],
    projects: parsed.projects.map((p) => ({
      name: p.name,
      description: redactNullable(p.description, terms),
    })),
    publications: parsed.publications.map((p) => redactText(p, terms)),
    awards: parsed.awards.map((a) => redactText(a, terms)),
  };
  return { parsed: redacted, cvText: redactText(cvText, terms) };
}

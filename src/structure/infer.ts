// Kind of a block that has no heading, from what it contains: date ranges and job words mean
// experience, degrees and schools mean education, short comma lists of known skills mean skills.
import { lookupSkill } from "../skills/taxonomy.ts";
import { foldText } from "./fold.ts";
import type { SectionKind, SectionLine } from "./types.ts";

const DEGREE =
  /\b(bachelor|master|ph\.?d|doctor|doctorate|b\.?sc|m\.?sc|b\.?a|m\.?a|mba|licence|licenciatura|grado|maestria|diplom|diploma|degree|university|universite|universidad|universitat|universidade|college|school|ecole|escuela|hochschule|institute|instituto|baccalaureat|bachillerato|abitur|mestrado|bacharelado)\b/i;
const DATE_RANGE =
  /\b(19|20)\d{2}\b.*?[-–—]|\b(19|20)\d{2}\s*[-–—]|(present|current|today|aujourd|actual|heute|atual)/i;
const SPOKEN =
  /\b(english|french|spanish|german|portuguese|italian|chinese|mandarin|japanese|arabic|russian|dutch|anglais|francais|espagnol|allemand|ingles|frances|aleman|englisch|franzosisch|spanisch|deutsch|portugues)\b/i;

export function inferSectionKind(lines: SectionLine[]): SectionKind {
  const text = lines.map((l) => l.text).join("\n");
  const folded = foldText(text);
  const hasDates = DATE_RANGE.test(text);
  if (DEGREE.test(folded) && lines.length <= 12) return "education";
  if (hasDates) return "experience";
  const items = text
    .split(/[,;•·|\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length >= 3) {
    const spoken = items.filter((i) => SPOKEN.test(foldText(i))).length;
    if (spoken / items.length >= 0.6) return "languages";
    const known = items.filter((i) => i.split(/\s+/).length <= 4 && lookupSkill(i)).length;
    if (known / items.length >= 0.5) return "skills";
  }
  return "other";
}

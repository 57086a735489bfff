// Spoken languages with their level: "English - Fluent", "Français (courant)", "Idioma 1 nivel".
import { foldText } from "../structure/fold.ts";
import type { SectionLine } from "../structure/types.ts";

const NAMES = new Set(
  (
    "english french spanish german portuguese italian dutch chinese mandarin cantonese japanese korean arabic russian " +
    "hindi bengali urdu turkish polish swedish norwegian danish finnish greek hebrew czech hungarian romanian ukrainian " +
    "vietnamese thai indonesian malay persian farsi catalan basque galician swahili tagalog " +
    "anglais francais espagnol allemand portugais italien neerlandais chinois japonais arabe russe " +
    "ingles frances espanol aleman portugues italiano chino japones arabe ruso castellano " +
    "englisch franzosisch spanisch deutsch portugiesisch italienisch niederlandisch chinesisch japanisch russisch " +
    "alemao espanhol frances ingles italiano"
  ).split(" "),
);

const LEVEL_START =
  /\s*(?:[-–—:(,]|\b(?:native|fluent|mother|bilingual|professional|working|basic|intermediate|advanced|beginner|elementary|proficient|conversational|nivel|level|niveau|courant|natif|maternelle|langue|nativo|fluido|materna|basico|intermedio|avanzado|muttersprache|fliessend|fließend|grundkenntnisse|verhandlungssicher|[ABC][12])\b|[○●◯◉★☆✩✪■□]).*$/iu;

export function isLanguageName(text: string): boolean {
  return NAMES.has(foldText(text));
}

/** One item: the language name before its level. */
export function splitLanguage(item: string): { language: string; proficiency: string | null } | null {
  const t = item.replace(/^[\s−–—•*-]+/, "").trim();
  if (!t) return null;
  const m = t.match(LEVEL_START);
  const language = (m ? t.slice(0, m.index) : t).trim();
  if (!language || language.split(/\s+/).length > 3) return null;
  const level = m
    ? m[0]
        .replace(/^[\s\-–—:(,]+|[\s)]+$/g, "")
        .replace(/[○●◯◉★☆✩✪■□]/gu, "")
        .trim()
    : "";
  return { language, proficiency: level === "" ? null : level };
}

export function languagesFromSection(
  lines: SectionLine[],
): Array<{ language: string; proficiency: string | null }> {
  const out: Array<{ language: string; proficiency: string | null }> = [];
  for (const l of lines) {
    const items = l.text.split(/\s*[,;•·|]\s*/);
    for (const item of items) {
      const parsed = splitLanguage(item);
      if (parsed) out.push(parsed);
    }
  }
  return dedupe(out);
}

const LANG_ROW =
  /^\s*(?:(?:human|spoken|foreign)\s+)?(?:languages?|langues?|idiomas?|sprachen|línguas|linguas|lenguas)\s*[:：]\s*(.*)$/iu;

/** A "Languages:" row (and the lines under it) outside a languages section, when it names languages. */
export function languageRows(lines: SectionLine[]): Array<{ language: string; proficiency: string | null }> {
  const out: Array<{ language: string; proficiency: string | null }> = [];
  for (let i = 0; i < lines.length; i++) {
    const m = (lines[i] as SectionLine).text.match(LANG_ROW);
    if (!m) continue;
    const items = (m[1] as string).trim() ? (m[1] as string).split(/\s*[,;•·|]\s*/) : [];
    for (let j = i + 1; items.length === 0 || j <= i; j++) {
      const next = lines[j];
      if (!next) break;
      const first = splitLanguage(next.text);
      if (!first || !isLanguageName(first.language)) break;
      out.push(first);
      if (j - i > 10) break;
    }
    for (const item of items) {
      const parsed = splitLanguage(item);
      if (parsed && isLanguageName(parsed.language)) out.push(parsed);
    }
  }
  return dedupe(out);
}

function dedupe<T extends { language: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = foldText(i.language);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

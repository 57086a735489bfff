// Language of a CV from function words (and a few letters only some languages use): cheap and
// dependable on a page of text; "und" when the evidence is thin or split.
import { foldedWords } from "./fold.ts";

const STOPWORDS: Record<string, string[]> = {
  en: "the and of to in for with on at from by as is are was were an this that be have has my our i we which or".split(
    " ",
  ),
  fr: "le la les des du de et en pour avec dans sur au aux une un est sont par chez je nous mes ses qui que ou l d".split(
    " ",
  ),
  es: "el la los las del de y en para con por una un es son al como que mi mis sus se o desde hasta".split(
    " ",
  ),
  de: "der die das und in für mit von zu im auf bei ein eine ist sind als des dem den ich wir oder sowie".split(
    " ",
  ),
  pt: "o a os as do da dos das de e em para com por uma um é são no na nos nas ao como que meu minha ou".split(
    " ",
  ),
  it: "il lo la gli le di e in per con su una un è sono del della dei delle al nel che come".split(" "),
  nl: "de het een en van in voor met op bij is zijn als ik wij of dat die".split(" "),
};

// Folded (accent-free) forms are what foldedWords yields; one map from word to its languages.
const LANGUAGES_OF = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words.flatMap((x) => foldedWords(x)))
    LANGUAGES_OF.set(w, [...(LANGUAGES_OF.get(w) ?? []), lang]);
}

/** Letters that point at one language (counted per occurrence, lightly). */
const LETTER_HINTS: Array<[RegExp, string]> = [
  [/[ñ¿¡]/g, "es"],
  [/[ãõ]/g, "pt"],
  [/ç(?=[aou])/g, "pt"],
  [/[ßäöü]/g, "de"],
  [/[èêàùœ]/g, "fr"],
];

export interface LanguageEvidence {
  /** Extra votes, e.g. the languages of the section headings found. */
  headingVotes?: string[];
}

export function detectLanguage(text: string, evidence: LanguageEvidence = {}): string {
  const scores = new Map<string, number>();
  const add = (lang: string, n: number) => scores.set(lang, (scores.get(lang) ?? 0) + n);
  const words = foldedWords(text.slice(0, 20_000));
  for (const w of words) {
    for (const lang of LANGUAGES_OF.get(w) ?? []) add(lang, 1);
  }
  for (const [re, lang] of LETTER_HINTS) add(lang, Math.min((text.match(re) ?? []).length, 20) * 0.5);
  for (const lang of evidence.headingVotes ?? []) add(lang, 3);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 4) return "und";
  if (second && best[1] < second[1] * 1.15) return "und";
  return best[0];
}

// Word cues that tell a job title from an employer, a degree from a school, and a place from both.
import { foldedWords, foldText } from "../structure/fold.ts";

const TITLE_WORDS = new Set(
  (
    "engineer engineering developer development programmer manager intern internship assistant consultant director lead leader head " +
    "analyst scientist researcher designer architect founder cofounder co founder cto ceo cfo coo cio vp president officer " +
    "administrator admin coordinator technician teacher professor lecturer associate member specialist expert sre devops " +
    "student employee fellow postdoc trainee apprentice owner partner advisor adviser editor writer accountant nurse " +
    "representative agent executive supervisor operator instructor tutor chief principal staff senior junior freelance " +
    "freelancer contractor sysadmin maintainer contributor volunteer title position role job " +
    "ingenieur developpeur chef stagiaire responsable charge directeur directrice alternant alternance analyste " +
    "desarrollador ingeniero gerente becario becaria jefe practicante programador tecnico encargado " +
    "entwickler berater praktikant leiter werkstudent softwareentwickler mitarbeiter geschaftsfuhrer " +
    "desenvolvedor engenheiro estagiario gerente analista coordenador programador puesto cargo poste"
  ).split(" "),
);

const COMPANY_WORDS = new Set(
  (
    "inc ltd llc gmbh ag sa sas sarl srl bv nv plc corp corporation company co group labs lab technologies technology " +
    "systems solutions consulting software services bank partners studio studios agency foundation ventures " +
    "holdings research institute university universite universidad hospital gmbh kg oy ab as spa ltda " +
    "employer empleador employeur arbeitgeber empregador entreprise empresa firma"
  ).split(" "),
);

const INSTITUTION_WORDS = new Set(
  (
    "university universite universidad universitat universidade universita college school ecole escuela escola hochschule " +
    "fachhochschule institute institut instituto academy academie academia polytechnic politecnico polytechnique lycee liceo " +
    "gymnasium faculty faculte facultad faculdade conservatory campus tech institution institucion instituicion " +
    "seminary iut insa ens mit eth epfl"
  ).split(" "),
);

const DEGREE_PATTERN =
  /^(?:graduated as |graduate |diplome d |diplome de )?(ph\.? ?d\.?|doctorate|doctorat|doctorado|doutorado|promotion|dr\.|master of [a-z]+|master'?s?|masters|mba|m\.? ?sc\.?|m\.? ?s\.?|m\.? ?a\.?|m\.? ?eng\.?|meng|mphil|bachelor of [a-z]+|bachelor'?s?|b\.? ?sc\.?|b\.? ?s\.?|b\.? ?a\.?|b\.? ?eng\.?|beng|b\.? ?tech|m\.? ?tech|licence|licenciatura|licenciado|grado|maestria|mestrado|bacharelado|diplom(?:-?ingenieur)?|diploma|diplome|engineering degree|ingeniero|ingenieur|baccalaureat|bachillerato|abitur|bts|dut|hnd|associate(?: degree)?|a\.a\.|a\.s\.|degree|certificate|magister|staatsexamen)(?=[\s,;:()]|$)/i;

const DEGREE_LEVELS: Array<[RegExp, string]> = [
  [/\b(ph ?d|doctor|doctorate|doctorat|doctorado|doutorado|dr)\b/, "doctorate"],
  [/\b(master|masters|msc|m sc|ms|ma|meng|m eng|mba|mphil|maestria|mestrado|magister|m tech)\b/, "master"],
  [
    /\b(bachelor|bachelors|bsc|b sc|bs|ba|beng|b eng|b tech|licence|licenciatura|grado|bacharelado)\b/,
    "bachelor",
  ],
];

export function titleScore(text: string): number {
  return foldedWords(text).filter((w) => TITLE_WORDS.has(w)).length;
}

export function companyScore(text: string): number {
  const words = foldedWords(text);
  let score = words.filter((w) => COMPANY_WORDS.has(w)).length;
  if (/\.(com|io|org|net|de|fr|es)\b/i.test(text)) score++;
  return score;
}

export function institutionScore(text: string): number {
  return foldedWords(text).filter((w) => INSTITUTION_WORDS.has(w)).length;
}

/** Degree at the start of the text ("M.Sc. Digital Media", "PhD in CS"): the degree and the rest. */
export function leadingDegree(text: string): { degree: string; rest: string } | null {
  const trimmed = text.trim();
  const m = trimmed.match(DEGREE_PATTERN);
  if (!m) return null;
  const full = m[0];
  const start = trimmed.toLowerCase().indexOf(m[1]?.toLowerCase() ?? full.toLowerCase());
  const degree = trimmed.slice(Math.max(0, start), full.length).trim();
  const rest = trimmed
    .slice(full.length)
    .replace(/^\s*(?:in|of|en|de|em|im|in der|of science in|:|,|-|–)\s+/i, "")
    .trim();
  return { degree, rest };
}

export function degreeLevel(text: string): string | null {
  const folded = foldText(text);
  for (const [re, level] of DEGREE_LEVELS) if (re.test(folded)) return level;
  return null;
}

export function hasDegreeWord(text: string): boolean {
  return (
    leadingDegree(text) !== null || /\b(degree|diploma|bachelor|master|licence|grado|phd|ph\.d)\b/i.test(text)
  );
}

// --- places --------------------------------------------------------------------------------------

const COUNTRIES = new Set(
  (
    "usa us u s a united states america canada mexico brazil brasil argentina chile colombia peru uk u k united kingdom england " +
    "scotland wales ireland france germany deutschland allemagne spain espana espagne portugal italy italia netherlands belgium " +
    "switzerland schweiz suisse austria osterreich sweden norway denmark finland poland czechia czech republic hungary romania greece " +
    "turkey turkiye russia ukraine india china japan korea south korea s korea republic of korea singapore australia new zealand " +
    "israel egypt morocco maroc tunisia algeria nigeria kenya south africa vietnam thailand indonesia malaysia philippines " +
    "taiwan hong kong uae luxembourg estonia latvia lithuania croatia serbia slovakia slovenia bulgaria"
  ).split(" "),
);
const COUNTRY_PHRASES = [
  "united states",
  "united kingdom",
  "new zealand",
  "south korea",
  "s korea",
  "republic of korea",
  "south africa",
  "hong kong",
  "czech republic",
  "u s a",
];
const CITY_PREFIXES = new Set(
  "san santa los las new saint st sao rio hong kuala buenos tel el la le salt fort palo mountain hong ho mexico cape".split(
    " ",
  ),
);

function isPlaceTail(text: string): boolean {
  const f = foldText(text);
  if (/^[A-Z]{2,3}$/.test(text.trim())) return true; // state or country code: CA, NJ, UK, FR
  if (COUNTRY_PHRASES.includes(f)) return true;
  const words = f.split(" ");
  return words.length <= 3 && words.every((w) => COUNTRIES.has(w) || w === "of");
}

function looksCapitalised(word: string): boolean {
  return /^[\p{Lu}]/u.test(word);
}

export interface PlaceSplit {
  rest: string;
  location: string | null;
}

/**
 * A place printed at the end of a line: "…, San Francisco, CA", "… Seoul, S.Korea", "… Lyon (FR)",
 * "… – London, UK". The city is one word (two after San/Santa/New/…), the tail a region, state code or
 * country; a dash-separated tail is taken whole when it looks like a place.
 */
export function splitTrailingPlace(text: string, options: { paren?: boolean } = {}): PlaceSplit {
  const t = text.trim().replace(/[.,;]$/, "");
  const paren = options.paren === false ? null : t.match(/^(.*?)\s*\(([^()]{2,20})\)$/u);
  if (paren && (isPlaceTail(paren[2] as string) || /^[A-Z]{2}$/.test(paren[2] as string))) {
    const words = (paren[1] as string).trim().split(/\s+/);
    const take = words.length >= 3 && CITY_PREFIXES.has(foldText(words[words.length - 2] as string)) ? 2 : 1;
    const city = words.slice(-take);
    const lead = words
      .slice(0, -take)
      .join(" ")
      .replace(/[\s,;–—-]+$/, "")
      .trim();
    if (lead && city.every(looksCapitalised))
      return { rest: lead, location: `${city.join(" ")} (${paren[2]})` };
  }
  const comma = t.match(/^(.*?)(,\s*|\s+)([^,]+),\s*([^,]+)$/u);
  if (comma) {
    const before = (comma[1] as string).trim();
    const joiner = (comma[2] as string).includes(",") ? ", " : " ";
    const cityPart = (comma[3] as string).trim();
    const tail = (comma[4] as string).trim();
    if (isPlaceTail(tail) || (/^[\p{Lu}][\p{L}.]+$/u.test(tail) && tail.length <= 12 && /[.]/.test(tail))) {
      const words = cityPart.split(/\s+/);
      let take = 1;
      if (words.length >= 2 && CITY_PREFIXES.has(foldText(words[words.length - 2] as string))) take = 2;
      const city = words.slice(-take);
      if (
        city.every(looksCapitalised) &&
        titleScore(city.join(" ")) === 0 &&
        companyScore(city.join(" ")) === 0
      ) {
        const restWords = words.slice(0, -take).join(" ");
        const lead = [before, restWords]
          .filter(Boolean)
          .join(restWords && before ? joiner : "")
          .replace(/[,–—-]\s*$/, "")
          .trim();
        if (lead) return { rest: lead, location: `${city.join(" ")}, ${tail}` };
        if (!before) return { rest: "", location: `${city.join(" ")}, ${tail}` };
      }
    }
  }
  return { rest: t, location: null };
}

/** A country as printed, codes included ("USA", "UK", "Germany"). */
export function isCountryWord(text: string): boolean {
  const f = foldText(text);
  return COUNTRIES.has(f) || COUNTRY_PHRASES.includes(f);
}

/** A named country (not a two-letter code): strong evidence that "X, Country" is a place. */
export function isCountryName(text: string): boolean {
  const f = foldText(text);
  return (
    f.length > 3 && (COUNTRY_PHRASES.includes(f) || (COUNTRIES.has(f) && !/^[A-Z]{2,3}$/.test(text.trim())))
  );
}

/** "Mapo-gu, Seoul, Republic of Korea": capitalised comma parts of a few words ending in a country. */
export function isPlaceList(text: string): boolean {
  const parts = text.split(",").map((p) => p.trim());
  if (parts.length < 3 || parts.length > 4 || /\d/.test(text)) return false;
  const last = parts[parts.length - 1] as string;
  if (!isPlaceTail(last)) return false;
  return parts.slice(0, -1).every((p) => {
    const words = p.split(/\s+/);
    return (
      words.length <= 3 &&
      words.every((w) => /^[\p{Lu}][\p{L}.'’-]*$/u.test(w)) &&
      titleScore(p) === 0 &&
      companyScore(p) === 0
    );
  });
}

/** The whole text is a place ("Lyon (France)", "Bremen, Germany", "Remote"). */
export function isPlace(text: string): boolean {
  const t = text.trim();
  if (/^(remote|hybrid|on-?site|t[ée]l[ée]travail|remoto)$/i.test(t)) return true;
  if (isPlaceTail(t)) return true;
  const split = splitTrailingPlace(`x ${t}`);
  return split.location !== null && split.rest === "x";
}

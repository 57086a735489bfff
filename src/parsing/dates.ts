// Dates as CVs print them, in English, French, Spanish, German, Portuguese and Italian: "Juin 17 –
// Aujourd'hui", "2019 – present", "03/2020", "Sept. 2018 – May 2023", "Summer 2012", "2015 / 07".
import { foldText } from "../structure/fold.ts";

export interface CvDate {
  year: number;
  /** 1-12, or null for a year-only date. */
  month: number | null;
  /** A season ("Summer 2012") covers several months: first and last month. */
  season: [number, number] | null;
}

export interface DateRange {
  start: CvDate | null;
  end: CvDate | null;
  current: boolean;
  /** Where the range was printed in the searched text. */
  index: number;
  length: number;
  /** A lone date followed by a dash and no end date ("2016 / 09 – Employer"): possibly still running. */
  openEnd?: boolean;
}

const MONTHS: Record<string, number> = {};
let monthNumber = 0;
function months(names: string): void {
  monthNumber++;
  for (const n of names.split("|")) MONTHS[n] = monthNumber;
}
months("january|jan|janvier|janv|enero|ene|januar|janeiro|gennaio|gen|jänner|janner");
months("february|feb|fevrier|fev|fevr|febrero|februar|fevereiro|febbraio");
months("march|mar|mars|marzo|marz|maerz|marco|mrz");
months("april|apr|avril|avr|abril|abr|aprile");
months("may|mai|mayo|maio|maggio|mag");
months("june|jun|juin|junio|juni|junho|giugno|giu");
months("july|jul|juillet|juil|julio|juli|julho|luglio|lug");
months("august|aug|aout|agosto|ago");
months("september|sep|sept|septembre|septiembre|setiembre|setembro|set|settembre");
months("october|oct|octobre|octubre|oktober|okt|outubro|out|ottobre|ott");
months("november|nov|novembre|noviembre|novembro");
months("december|dec|decembre|diciembre|dic|dezember|dez|dezembro|dicembre");

const SEASONS: Record<string, [number, number]> = {};
for (const s of "summer ete verano sommer verao estate".split(" ")) SEASONS[s] = [6, 8];
for (const s of "spring printemps primavera fruhling fruehling".split(" ")) SEASONS[s] = [3, 5];
for (const s of "fall autumn automne otono herbst outono autunno".split(" ")) SEASONS[s] = [9, 11];
for (const s of "winter hiver invierno inverno".split(" ")) SEASONS[s] = [12, 2];

const PRESENT_WORDS =
  "present|presente|current|currently|now|today|ongoing|to date|till date|date|aujourd ?hui|actuel|actuellement|maintenant|en cours|a ce jour|present|actualidad|actualmente|hoy|la fecha|heute|derzeit|aktuell|jetzt|laufend|bis heute|atual|atualmente|hoje|o momento|oggi|in corso|attuale";
// Longest first, so "presente" is not cut to "present".
const PRESENT = PRESENT_WORDS.split("|")
  .sort((a, b) => b.length - a.length)
  .join("|");

// Word characters here include accented letters, so the month alternatives work on raw text; the
// text is folded (accents removed, lower-cased) before matching, positions preserved by `foldKeep`.
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const SEASON_ALT = Object.keys(SEASONS).join("|");

const TOKEN = new RegExp(
  [
    `(?<season>${SEASON_ALT})\\s+(?<sy>(?:19|20)\\d{2})`,
    `(?:\\d{1,2}(?:er|st|nd|rd|th)?\\.?\\s+)?(?<mon>${MONTH_ALT})\\.?(?:\\s+\\d{1,2},)?\\s*(?:de\\s+)?(?<my>(?:19|20)\\d{2}|'?\\d{2}(?![\\d/]))`,
    `(?<nm>0?[1-9]|1[0-2])\\s*[/.]\\s*(?<ny>(?:19|20)\\d{2})`,
    `(?<yy>(?:19|20)\\d{2})\\s*[/.-]\\s*(?<ym>0[1-9]|1[0-2])(?![\\d])`,
    `(?<y>(?:19|20)\\d{2})`,
    `(?<present>${PRESENT})`,
  ]
    .map((p) => `(?:${p})`)
    .join("|"),
  "gi",
);

/** Lower-cases and strips accents without changing string length (so indexes stay valid). */
export function foldKeep(text: string): string {
  // Fast path: plain ASCII only needs lower-casing.
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase().replace(/'/g, " ");
  let out = "";
  for (const ch of text) {
    const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    const c = base.length === 1 ? base.toLowerCase() : ch.toLowerCase();
    out += c.length === ch.length ? c : ch;
  }
  return out.replace(/[’']/g, " ");
}

interface Token {
  date: CvDate | null;
  present: boolean;
  index: number;
  length: number;
  /** A bare two-digit year ("June 17"): only trusted inside a range. */
  shortYear: boolean;
  yearOnly: boolean;
}

function twoDigitYear(text: string): number {
  const n = Number.parseInt(text.replace("'", ""), 10);
  return n >= 50 ? 1900 + n : 2000 + n;
}

function isWordBoundary(text: string, index: number, length: number): boolean {
  const before = text[index - 1];
  const after = text[index + length];
  const word = /[\p{L}\p{N}]/u;
  return !(before && word.test(before)) && !(after && word.test(after));
}

function tokens(text: string): Token[] {
  const folded = foldKeep(text);
  const out: Token[] = [];
  for (const m of folded.matchAll(TOKEN)) {
    const g = m.groups ?? {};
    const index = m.index ?? 0;
    const length = m[0].length;
    if (!isWordBoundary(folded, index, length)) continue;
    if (g.present) {
      // "date" alone is too common a word: only as "to date" / "à ce jour"-like phrases or after a dash.
      if (g.present === "date" && !/[-–—]\s*$/.test(folded.slice(0, index))) continue;
      out.push({ date: null, present: true, index, length, shortYear: false, yearOnly: false });
    } else if (g.season && g.sy) {
      const season = SEASONS[g.season] as [number, number];
      const date = { year: Number(g.sy), month: null, season };
      out.push({ date, present: false, index, length, shortYear: false, yearOnly: false });
    } else if (g.mon && g.my) {
      const short = g.my.replace("'", "").length === 2;
      const year = short ? twoDigitYear(g.my) : Number(g.my);
      const date = { year, month: MONTHS[g.mon] ?? null, season: null };
      out.push({ date, present: false, index, length, shortYear: short, yearOnly: false });
    } else if (g.nm && g.ny) {
      const date = { year: Number(g.ny), month: Number(g.nm), season: null };
      out.push({ date, present: false, index, length, shortYear: false, yearOnly: false });
    } else if (g.yy && g.ym) {
      const date = { year: Number(g.yy), month: Number(g.ym), season: null };
      out.push({ date, present: false, index, length, shortYear: false, yearOnly: false });
    } else if (g.y) {
      const date = { year: Number(g.y), month: null, season: null };
      out.push({ date, present: false, index, length, shortYear: false, yearOnly: true });
    }
  }
  return out;
}

const RANGE_GAP = /^\s*(?:[-–—~]+|to|until|till|a|au|al|hasta|bis|ate|→|>|[-–—]\s*(?:to)?)?\s*$/i;
const SINCE = /(since|depuis|desde|seit|dal|a partir de)\s*$/i;

/** Every date range (or single date) printed in the text, in order. */
export function findDateRanges(text: string): DateRange[] {
  const toks = tokens(text);
  const folded = foldKeep(text);
  const out: DateRange[] = [];
  for (let i = 0; i < toks.length; i++) {
    const a = toks[i] as Token;
    const b = toks[i + 1];
    if (b && RANGE_GAP.test(folded.slice(a.index + a.length, b.index)) && (a.date || b.date)) {
      if (a.present) continue;
      out.push({
        start: a.date,
        end: b.date,
        current: b.present,
        index: a.index,
        length: b.index + b.length - a.index,
      });
      i++;
      continue;
    }
    if (a.present || a.shortYear || !a.date) continue;
    const since = SINCE.test(folded.slice(0, a.index));
    const after = folded.slice(a.index + a.length);
    const openEnd = !since && /^\s*[-–—]/.test(after) && !/^\s*[-–—]+\s*(?:19|20)\d{2}/.test(after);
    out.push({
      start: a.date,
      end: since ? null : a.date,
      current: since,
      index: a.index,
      length: a.length,
      ...(openEnd ? { openEnd } : {}),
    });
  }
  return out;
}

/** A range whose start date is a placeholder ("Month 20XX – Ongoing") still tells the role is current. */
export function placeholderCurrent(text: string): boolean {
  const folded = foldKeep(text);
  return (
    new RegExp(`[-–—]\\s*(?:${PRESENT})\\b`, "i").test(folded) &&
    /\b(?:19|20)x{2}\b|\byear\b|\bano\b|\bannee\b/i.test(folded)
  );
}

export function formatCvDate(d: CvDate | null): string | null {
  if (!d) return null;
  if (d.month) return `${d.year}-${String(d.month).padStart(2, "0")}`;
  return String(d.year);
}

/** True when the text is nothing but dates (and separators): a date column cell. */
export function isOnlyDates(text: string): boolean {
  const ranges = findDateRanges(text);
  if (ranges.length === 0) return false;
  let rest = text;
  for (const r of [...ranges].reverse()) rest = rest.slice(0, r.index) + rest.slice(r.index + r.length);
  return (
    foldText(rest)
      .replace(/\b(since|depuis|desde|seit)\b/g, "")
      .trim() === ""
  );
}

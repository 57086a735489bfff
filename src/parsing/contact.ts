// Contact details: e-mail, phone (E.164 through libphonenumber when the number resolves), profile links,
// the candidate's name and home location, taken from the header first and the whole text after.
import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { foldText } from "../structure/fold.ts";
import type { SectionLine } from "../structure/types.ts";
import {
  companyScore,
  isCountryName,
  isCountryWord,
  isPlaceList,
  splitTrailingPlace,
  titleScore,
} from "./cues.ts";
import { findDateRanges } from "./dates.ts";

const EMAIL = /[\p{L}0-9._%+-]+@[\p{L}0-9.-]+\.[\p{L}]{2,}/u;
const PHONE =
  /(?<![\p{L}\d./])(?:\(\s*\+\d{1,3}\s*\)|\+\s?\d{1,3})?[\s.-]*\(?\d[\d\s()./-]{5,}[\d*xX]+(?:[\s.-]*[*xX]{2,})*/gu;

export function findEmail(lines: string[], links: string[]): string | null {
  for (const l of lines) {
    const m = l.match(EMAIL);
    if (m) return m[0].replace(/\.$/, "");
  }
  const mailto = links.find((l) => /^mailto:/i.test(l));
  return mailto ? decodeURIComponent(mailto.replace(/^mailto:/i, "").split("?")[0] as string) : null;
}

function digits(text: string): string {
  return text.replace(/\D/g, "");
}

/** A printed phone number: E.164 when it resolves, else as printed (masked numbers stay masked). */
export function normalisePhone(printed: string, country: CountryCode | undefined): string {
  const text = printed.trim().replace(/^\(\s*(\+\d{1,3})\s*\)/, "$1 ");
  if (/[*xX]/.test(text)) return printed.trim();
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed?.isValid()) return parsed.number;
  return printed.trim();
}

function phoneCandidates(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(PHONE)) {
    const raw = m[0].trim().replace(/[\s.-]+$/, "");
    const d = digits(raw);
    const masked = /[*xX]{2,}/.test(raw);
    if (d.length < (masked ? 5 : 8) || d.length > 15) continue;
    // Date ranges and year lists are digits too.
    if (findDateRanges(raw).some((r) => r.length >= raw.replace(/[^\d]/g, "").length)) {
      if (/^\(?\d{4}\)?\s*[-–/]\s*\d{2,4}$/.test(raw)) continue;
    }
    if (/^\d{4}\s*[-–]\s*\d{4}$/.test(raw) || /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(raw)) continue;
    out.push(raw);
  }
  return out;
}

const PHONE_LABEL =
  /\b(tel|tél|phone|mobile|mob|cell|handy|telefon|tel[ée]fono|telefone|celular|portable)\b|@/i;

/** Header lines first; elsewhere only numbers written like phones ("+33 …", "(…)") or labelled ones. */
export function findPhone(
  headerLines: string[],
  otherLines: string[],
  links: string[],
  country: CountryCode | undefined,
): string | null {
  for (const l of headerLines) {
    const c = phoneCandidates(l)[0];
    if (c) return normalisePhone(c, country);
  }
  for (const l of otherLines) {
    const c = phoneCandidates(l).find((x) => /^[+(]/.test(x) || PHONE_LABEL.test(l));
    if (c) return normalisePhone(c, country);
  }
  const tel = links.find((l) => /^tel:/i.test(l));
  if (tel) return normalisePhone(decodeURIComponent(tel.replace(/^tel:/i, "")), country);
  return null;
}

// --- links -------------------------------------------------------------------------------------

const URL_IN_TEXT = /\b(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s,;•·|)]*)?/gi;
const SITES: Array<[RegExp, string]> = [
  [/(^|\.)linkedin\.com$/, "linkedin"],
  [/(^|\.)github\.com$/, "github"],
  [/(^|\.)gitlab\.com$/, "gitlab"],
  [/(^|\.)(twitter|x)\.com$/, "twitter"],
  [/(^|\.)orcid\.org$/, "orcid"],
  [/(^|\.)stackoverflow\.com$/, "stackoverflow"],
  [/(^|\.)medium\.com$/, "medium"],
  [/(^|\.)behance\.net$/, "behance"],
  [/(^|\.)dribbble\.com$/, "dribbble"],
  [/(^|\.)kaggle\.com$/, "kaggle"],
];
const NOT_PROFILE = /(^|\.)(doi\.org|google\.com|example\.com)$/;

function hostPath(url: string): { host: string; path: string } | null {
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(url) ? url : `http://${url}`);
    return { host: u.hostname.toLowerCase().replace(/^www\./, ""), path: u.pathname.replace(/\/+$/, "") };
  } catch {
    return null;
  }
}

export interface Links {
  linkedin: string | null;
  github: string | null;
  website: string | null;
  [key: string]: string | null;
}

/**
 * Profile links: hyperlink targets and URLs printed in the header. A personal website must be printed
 * in the header (companies' sites linked from the experience are not the candidate's).
 */
export function findLinks(headerText: string, allText: string, docLinks: string[]): Links {
  const links: Links = { linkedin: null, github: null, website: null };
  const printedHeader = [...headerText.matchAll(URL_IN_TEXT)]
    .map((m) => m[0])
    .filter((u) => !u.includes("@"));
  const printedAll = [...allText.matchAll(URL_IN_TEXT)].map((m) => m[0]).filter((u) => !u.includes("@"));
  const headerHosts = new Set(printedHeader.map((u) => hostPath(u)?.host).filter(Boolean));
  const candidates = [...docLinks.filter((l) => /^https?:/i.test(l)), ...printedAll];
  for (const url of candidates) {
    const hp = hostPath(url);
    if (!hp || NOT_PROFILE.test(hp.host)) continue;
    const site = SITES.find(([re]) => re.test(hp.host))?.[1];
    const segments = hp.path.split("/").filter(Boolean);
    if (site === "github" || site === "gitlab") {
      if (segments.length !== 1) continue;
    } else if (site === "linkedin") {
      if (segments.length < 2) continue;
    } else if (site) {
      if (segments.length === 0) continue;
    }
    if (site) {
      links[site] ??= url;
      continue;
    }
    const label = allText.match(
      new RegExp(`(blog|portfolio|website|web|site)\\s*:\\s*\\S*${escapeRegExp(hp.host)}`, "i"),
    );
    if (label) {
      const key = (label[1] as string).toLowerCase() === "blog" ? "blog" : "website";
      links[key] ??= url;
      continue;
    }
    if (headerHosts.has(hp.host)) links.website ??= url;
  }
  return links;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function githubUsername(links: Links, text: string): string | null {
  const fromLink = links.github ? hostPath(links.github)?.path.split("/").filter(Boolean)[0] : null;
  if (fromLink) return fromLink;
  const m = text.match(/github\.com\/([A-Za-z0-9-]{1,39})\b/);
  return m ? (m[1] as string) : null;
}

// --- name --------------------------------------------------------------------------------------

const NOT_NAME_WORDS =
  /\b(resume|résumé|cv|curriculum|vitae|lebenslauf|curr[ií]culo|profile|contact|summary|experience|education|skills|page)\b/gi;
const NAME_TOKEN = /^[\p{Lu}][\p{L}'’.-]*$|^(?:de|da|van|von|der|del|la|le|di|du|dos|das|bin|al|y)$/u;

function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A person's name: 2-4 capitalised words, no digits or contact details. */
export function nameFromLine(text: string): string | null {
  let t = text.split(/\s+[|·•–—]\s+|\s{2,}/)[0] ?? "";
  t = t
    .replace(NOT_NAME_WORDS, " ")
    .replace(/[,:]+$/, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!t || /[\d@/]/.test(t)) return null;
  const words = t.split(" ");
  if (words.length < 2 || words.length > 5) return null;
  const caps = t === t.toUpperCase() ? titleCase(t) : t;
  if (!caps.split(" ").every((w) => NAME_TOKEN.test(w))) return null;
  if (titleScore(caps) > 0 || companyScore(caps) > 0) return null;
  return caps;
}

export function findName(header: SectionLine[], allLines: SectionLine[]): string | null {
  const pool = header.length > 0 ? header : allLines.slice(0, 10);
  const ranked = [...pool]
    .map((l, i) => ({ l, i }))
    .sort((a, b) => b.l.fontSize - a.l.fontSize || Number(b.l.bold) - Number(a.l.bold) || a.i - b.i);
  for (const { l } of ranked) {
    const name = nameFromLine(l.text);
    if (name) return name;
  }
  for (const l of allLines.slice(0, 5)) {
    const name = nameFromLine(l.text);
    if (name) return name;
  }
  return null;
}

// --- home location -----------------------------------------------------------------------------

/**
 * Contact rows run their items together once extracted ("NYC, NY linkedin.com/in/x"): e-mails, URLs,
 * phone numbers and icon glyphs become separators so the place stands alone between them.
 */
function contactSegments(text: string): string[] {
  const masked = text
    .replace(new RegExp(EMAIL.source, "gu"), " | ")
    .replace(/\b(?:https?:\/\/)?(?:www\.)?[a-z0-9-]{2,}(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b(?:\/\S*)?/g, " | ")
    .replace(PHONE, " | ")
    .replace(/[^\p{L}\p{N}\p{M}\s,.:'’()/-]/gu, " | ");
  return masked
    .split(/\s*\|\s*|\s{2,}/)
    .map((p) => p.replace(/^[^\p{L}]+/u, "").trim())
    .map((p) => p.replace(PLACE_LABEL, ""))
    .filter(Boolean);
}

const PLACE_LABEL =
  /^(?:address|location|city|based in|lives in|adresse|lieu|ville|direcci[oó]n|ubicaci[oó]n|ciudad|wohnort|ort|endere[cç]o|cidade)\s*:?\s*/iu;

/** A segment that is a place by itself ("Lyon, France", "NYC, NY", "Mapo-gu, Seoul, Republic of Korea"). */
function wholePlace(segment: string): string | null {
  // Labelled rows ("Techs: Python, SQL") list things, not places.
  if (/\d{3,}|@/.test(segment) || /^[\p{L} ]{1,25}:/u.test(segment)) return null;
  if (isPlaceList(segment)) return segment;
  const split = splitTrailingPlace(`x ${segment}`);
  if (!split.location || split.rest !== "x") return null;
  // Three capitals are a country code only when known ("USA", not "SQL" or "AWS").
  const tail = (split.location.split(",").pop() ?? "").trim();
  if (/^[A-Z]{3}$/.test(tail) && !isCountryWord(tail)) return null;
  return split.location;
}

/**
 * A place closing a header row after other text ("Status: M.Sc., Employee Bremen, Germany", two
 * columns run together): only with a named country, the weaker "City, CA" shapes are too ambiguous.
 */
function trailingCountryPlace(segment: string): string | null {
  const split = splitTrailingPlace(segment, { paren: false });
  if (!split.location || !split.rest) return null;
  const tail = split.location.split(",").pop() ?? "";
  return isCountryName(tail) ? split.location : null;
}

/**
 * The candidate's home place: a "City, Country" item of the header's contact rows; failing that, the
 * contact block printed elsewhere (a footer): the row holding the e-mail/phone or the line beside it.
 * Nothing is guessed from employers' or schools' places.
 */
export function findLocation(header: SectionLine[], allLines: SectionLine[] = []): string | null {
  for (const l of header) {
    for (const seg of contactSegments(l.text)) {
      const place = wholePlace(seg);
      if (place) return place;
    }
  }
  for (const l of header) {
    for (const seg of contactSegments(l.text)) {
      const place = trailingCountryPlace(seg);
      if (place) return place;
    }
  }
  const isContact = (t: string) => EMAIL.test(t) || phoneCandidates(t).length > 0;
  for (let i = 0; i < allLines.length; i++) {
    const line = allLines[i] as SectionLine;
    if (!EMAIL.test(line.text)) continue;
    for (const seg of contactSegments(line.text)) {
      const place = wholePlace(seg);
      if (place) return place;
    }
    for (const j of [i + 1, i - 1]) {
      const near = allLines[j];
      if (!near || isContact(near.text)) continue;
      const place = wholePlace(near.text.trim());
      if (place && place === near.text.trim().replace(/[.,;]$/, "")) return place;
    }
  }
  return null;
}

export function defaultCountry(location: string | null, language: string): CountryCode | undefined {
  const f = foldText(location ?? "");
  if (/\b(germany|deutschland)\b/.test(f)) return "DE";
  if (/\b(france)\b/.test(f)) return "FR";
  if (/\b(spain|espana)\b/.test(f)) return "ES";
  if (/\b(portugal)\b/.test(f)) return "PT";
  if (/\b(brazil|brasil)\b/.test(f)) return "BR";
  if (/\b(uk|united kingdom|england)\b/.test(f)) return "GB";
  if (/,\s*[A-Z]{2}$/.test(location ?? "") || /\b(usa|united states)\b/.test(f)) return "US";
  const byLanguage: Record<string, CountryCode> = {
    fr: "FR",
    de: "DE",
    es: "ES",
    pt: "PT",
    it: "IT",
    nl: "NL",
  };
  return byLanguage[language];
}

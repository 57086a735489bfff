// Checks an LLM parse against the CV text: identity and organisation values the text does not contain
// are hallucinations and are removed. Comparison ignores case, accents, punctuation and spacing, and
// accepts values the offline parse (the hints, read off the same document) already had.
import type { ParsedCv } from "../parsing/schema.ts";

export interface GroundingResult {
  parsed: ParsedCv;
  /** Paths of the values removed, e.g. "email", "experience.2.company". */
  dropped: string[];
}

export function groundParsedCv(parsed: ParsedCv, text: string, hints: ParsedCv): GroundingResult {
  const source = new SourceText(text);
  const dropped: string[] = [];
  const keep = (path: string, value: string | null, ok: (v: string) => boolean, hint?: string | null) => {
    if (value === null) return null;
    if (ok(value) || (hint != null && sameValue(hint, value))) return value;
    dropped.push(path);
    return null;
  };
  const words = (v: string) => source.hasWords(v);

  const out: ParsedCv = {
    ...parsed,
    candidate_name: keep("candidate_name", parsed.candidate_name, words, hints.candidate_name),
    email: keep("email", parsed.email, (v) => source.hasEmail(v), hints.email),
    phone: keep("phone", parsed.phone, (v) => source.hasPhone(v), hints.phone),
    current_company: keep("current_company", parsed.current_company, words, hints.current_company),
    github_username: keep("github_username", parsed.github_username, words, hints.github_username),
    links: Object.fromEntries(
      Object.entries(parsed.links).map(([k, v]) => [
        k,
        keep(`links.${k}`, v ?? null, (u) => source.hasUrl(u), hints.links[k]),
      ]),
    ) as ParsedCv["links"],
    experience: parsed.experience.map((e, i) => ({
      ...e,
      company: keep(`experience.${i}.company`, e.company, words),
    })),
    education: parsed.education.map((e, i) => ({
      ...e,
      institution: keep(`education.${i}.institution`, e.institution, words),
    })),
  };
  return { parsed: out, dropped };
}

/** Lower case, accents removed, every run of non-letters/digits one space. */
export function normalizeWords(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function sameValue(a: string, b: string): boolean {
  return normalizeWords(a) === normalizeWords(b);
}

export class SourceText {
  private readonly words: Set<string>;
  private readonly lower: string;
  private readonly phones: string[];
  private readonly spaced: string;

  constructor(text: string) {
    this.words = new Set(normalizeWords(text).split(" ").filter(Boolean));
    this.lower = text.toLowerCase();
    this.spaced = this.lower.replace(/\s+/g, " ");
    this.phones = (text.match(/(?:\+|00)?\d[\d\s().\-/]{5,}\d/g) ?? [])
      .map(digits)
      .filter((d) => d.length >= 7);
  }

  /** Every word of the value occurs in the text (order-free: "Doe, Jane" is "Jane Doe"). */
  hasWords(value: string): boolean {
    const parts = normalizeWords(value).split(" ").filter(Boolean);
    return parts.length > 0 && parts.every((p) => this.words.has(p));
  }

  hasEmail(value: string): boolean {
    const v = value.trim().toLowerCase();
    return v.length > 0 && this.lower.includes(v);
  }

  /**
   * Same trailing digits as a number printed in the text, so E.164 "+44 20…" matches "020 …"; a number
   * printed partly masked ("+49 176 *** ***") must appear as written.
   */
  hasPhone(value: string): boolean {
    if (value.replace(/\s/g, "").length >= 7 && this.hasLiteral(value)) return true;
    const d = digits(value);
    if (d.length < 7) return false;
    const tail = d.slice(-8);
    return this.phones.some((p) => p.slice(-8) === tail || p === d);
  }

  /** The value as written, ignoring case and spacing. */
  hasLiteral(value: string): boolean {
    const v = value.trim().toLowerCase().replace(/\s+/g, " ");
    return v.length > 0 && this.spaced.includes(v);
  }

  hasUrl(value: string): boolean {
    const v = value
      .trim()
      .toLowerCase()
      .replace(/^https?:\/\//, "")
      .replace(/^www\./, "")
      .replace(/\/+$/, "");
    return v.length > 0 && this.lower.includes(v);
  }
}

function digits(s: string): string {
  return s.replace(/\D/g, "");
}

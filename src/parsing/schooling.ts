// Education entries: school, degree and field from an entry's header lines; lines describing the same
// study ("Master Studies Digital Media" and "Graduated as M.Sc. Digital Media") are merged, while two
// degrees at one school stay apart.
import { foldText } from "../structure/fold.ts";
import { degreeLevel, institutionScore, isPlace, leadingDegree, splitTrailingPlace } from "./cues.ts";
import { type CvDate, formatCvDate } from "./dates.ts";
import type { Entry } from "./entries.ts";
import { splitOutsideParens } from "./roles.ts";
import type { Education } from "./schema.ts";

const EDU_SEPARATORS = /\s+\|\s+|\s*;\s+|\s+[–—]\s+|\s+-\s+/;
const GRADE =
  /\b(?:gpa|grade|note|nota|mention|cgpa)\b[^,;]*|\b\d(?:[.,]\d+)?\s*(?:\/\s*\d(?:[.,]\d+)?)?\s*(?:gpa|cgpa)\b|\b\d{1,2}(?:[.,]\d+)?\s*\/\s*(?:20|10|4(?:[.,]0+)?)\b/i;

/** Words naming a programme or a stay rather than a school. */
const PROGRAM =
  /\b(course|courses|program|programme|studies|study|exchange|semester|training|cursus|formation|student|erasmus|abroad|thesis|project|degree)\b/i;

export interface SchoolEntry extends Education {
  /** Dates kept with their precision for merging. */
  range: { start: CvDate | null; end: CvDate | null; current: boolean } | null;
}

function clean(text: string | null | undefined): string | null {
  const t = (text ?? "").replace(/^[\s,;:|–—.-]+|[\s,;:|–—-]+$/g, "").trim();
  return t === "" ? null : t;
}

export function toSchoolEntry(entry: Entry): SchoolEntry {
  let institution: string | null = null;
  let degree: string | null = null;
  let field: string | null = null;
  let grade: string | null = null;
  const leftovers: string[] = [];
  for (const [i, raw] of entry.headerTexts.slice(0, 3).entries()) {
    let line = raw;
    const gradeMatch = line.match(GRADE);
    if (gradeMatch) {
      grade ??= clean(gradeMatch[0]);
      line = line.replace(gradeMatch[0], " ");
    }
    const place = splitTrailingPlace(line, { paren: false });
    if (place.location && place.rest) line = place.rest;
    const parts = line.split(EDU_SEPARATORS).flatMap((p) => splitOutsideParens(p, ","));
    for (const part0 of parts) {
      const part = part0.replace(/\s*\((?:[A-Z]{2}|[A-Z][a-z]+)\)$/, "").trim();
      if (!part) continue;
      const lead = leadingDegree(part);
      if (lead && !degree) {
        degree = clean(lead.degree);
        const rest = lead.rest.replace(/\(.*?\)/g, "").trim();
        if (rest && institutionScore(rest) > 0 && !institution) institution = clean(rest);
        else if (rest && !field)
          field = clean(rest.replace(/^(studies|student|course|program(?:me)?)\s+(in\s+)?/i, ""));
        continue;
      }
      if (institutionScore(part) > 0 && !institution) {
        institution = clean(part);
        continue;
      }
      if (isPlace(part)) continue;
      leftovers.push(part);
    }
    if (i === 0 && !institution && leftovers.length >= 1) {
      // The first line's un-cued part beside a degree ("Engineering degree; Télécom Paris"), or a
      // first line with no cue above the degree line, is the school.
      const named = leftovers.filter((p) => !PROGRAM.test(p));
      if (named.length === 1 && (degree || named.length < leftovers.length || entry.headerTexts.length > 1)) {
        institution = clean(named[0]);
        leftovers.splice(leftovers.indexOf(named[0] as string), 1);
      }
    }
  }
  if (!institution) {
    const candidate = leftovers.find(
      (p) => !/\b(semester|exchange|erasmus|abroad|thesis|project)\b/i.test(p) || leftovers.length === 1,
    );
    if (candidate && (degree || leftovers.length === 1)) institution = clean(candidate);
  }
  if (degree && !field) {
    const f = leftovers.find((p) => p !== institution && !isPlace(p));
    if (f && entry.headerTexts.length === 1) field = clean(f);
  }
  const r = entry.range;
  return {
    institution,
    degree,
    field,
    start_date: formatCvDate(r?.start ?? null),
    end_date: r?.current ? null : formatCvDate(r?.end ?? null),
    grade,
    range: r ? { start: r.start, end: r.end, current: r.current } : null,
  };
}

/** Month index; a year alone is mid-year (as for total experience), an end is exclusive. */
function key(d: CvDate | null, end: boolean): number | null {
  if (!d) return null;
  if (d.month) return d.year * 12 + d.month - (end ? 0 : 1);
  return d.year * 12 + 6;
}

/** Overlapping periods; merely touching ones count only when `touching` is allowed. */
function overlaps(a: SchoolEntry, b: SchoolEntry, touching: boolean): boolean {
  if (!a.range || !b.range) return false;
  const a0 = key(a.range.start, false);
  const a1 = a.range.current ? Number.POSITIVE_INFINITY : key(a.range.end, true);
  const b0 = key(b.range.start, false);
  const b1 = b.range.current ? Number.POSITIVE_INFINITY : key(b.range.end, true);
  if (a0 === null || b0 === null || a1 === null || b1 === null) return false;
  return touching ? a0 <= b1 && b0 <= a1 : a0 < b1 && b0 < a1;
}

/** Merges entries that describe one study: same school, same (or unknown) level, overlapping dates. */
export function mergeSchooling(entries: SchoolEntry[]): SchoolEntry[] {
  // A merge widens dates, which can make another entry overlap: repeat until nothing changes.
  let current = entries;
  for (let round = 0; round < 5; round++) {
    const next = mergeOnce(current);
    if (next.length === current.length) return next;
    current = next;
  }
  return current;
}

function mergeOnce(entries: SchoolEntry[]): SchoolEntry[] {
  const out: SchoolEntry[] = [];
  for (const e of entries) {
    const same = out.find((o) => {
      if (!o.institution || !e.institution || foldText(o.institution) !== foldText(e.institution))
        return false;
      const lo = o.degree ? degreeLevel(o.degree) : null;
      const le = e.degree ? degreeLevel(e.degree) : null;
      if (lo && le && lo !== le) return false;
      return overlaps(o, e, lo !== null && lo === le);
    });
    if (!same) {
      out.push(e);
      continue;
    }
    // Prefer the more specific degree ("M.Sc." over "Master").
    if (!same.degree || (e.degree && degreeLevel(e.degree) && e.degree.length < same.degree.length))
      same.degree = e.degree ?? same.degree;
    same.field ??= e.field;
    same.grade ??= e.grade;
    const starts = [same.range?.start, e.range?.start].filter((d): d is CvDate => !!d);
    const ends = [same.range?.end, e.range?.end].filter((d): d is CvDate => !!d);
    const current = !!(same.range?.current || e.range?.current);
    const start = starts.sort((a, b) => (key(a, false) ?? 0) - (key(b, false) ?? 0))[0] ?? null;
    const end = ends.sort((a, b) => (key(b, true) ?? 0) - (key(a, true) ?? 0))[0] ?? null;
    same.range = { start, end, current };
    same.start_date = formatCvDate(start);
    same.end_date = current ? null : formatCvDate(end);
  }
  return out;
}

export function toEducation(e: SchoolEntry): Education {
  const { range: _range, ...rest } = e;
  return rest;
}

// Total experience: the length of the union of dated roles. A month counts from its first day through
// its last; a year alone counts from/to 1 July; a season covers its months; "present" runs through the
// reference month (the processing date, or the CV's own printed date when it has one).
import type { CvDate } from "./dates.ts";

export interface RoleSpan {
  start: CvDate | null;
  end: CvDate | null;
  current: boolean;
}

const DAY = 86_400_000;

function startDay(d: CvDate): number {
  if (d.season) return Date.UTC(d.year, d.season[0] - 1, 1) / DAY;
  if (d.month) return Date.UTC(d.year, d.month - 1, 1) / DAY;
  return Date.UTC(d.year, 6, 1) / DAY;
}

function endDay(d: CvDate): number {
  if (d.season) {
    const endYear = d.season[1] < d.season[0] ? d.year + 1 : d.year;
    return Date.UTC(endYear, d.season[1], 1) / DAY;
  }
  if (d.month) return Date.UTC(d.year, d.month, 1) / DAY;
  return Date.UTC(d.year, 6, 1) / DAY;
}

/** Years (one decimal) covered by the roles; null when no role has usable dates. */
export function totalExperienceYears(
  roles: RoleSpan[],
  reference: { year: number; month: number },
): number | null {
  const refEnd = Date.UTC(reference.year, reference.month, 1) / DAY;
  const spans: Array<[number, number]> = [];
  for (const r of roles) {
    if (!r.start) continue;
    const end = r.current ? refEnd : r.end ? endDay(r.end) : null;
    if (end === null) continue;
    const s = startDay(r.start);
    const e = Math.min(end, refEnd);
    if (e > s) spans.push([s, e]);
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [cs, ce] = spans[0] as [number, number];
  for (const [s, e] of spans.slice(1)) {
    if (s <= ce) ce = Math.max(ce, e);
    else {
      total += ce - cs;
      [cs, ce] = [s, e];
    }
  }
  total += ce - cs;
  return Math.round((total / 365.25) * 10) / 10;
}

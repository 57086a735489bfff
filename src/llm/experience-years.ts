// Total experience from dated roles: the union of their intervals (overlaps count once), an open or
// current role running to the processing date. Computed here rather than trusted from the model.
import type { Experience } from "../parsing/schema.ts";

/** Month index of a partial date; a bare year counts from its middle, as the matcher does. */
function monthIndex(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = date.length >= 7 ? Number(date.slice(5, 7)) - 1 : 6;
  return year * 12 + month;
}

export function experienceYears(roles: Experience[], now: Date): number | null {
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans: Array<[number, number]> = [];
  for (const r of roles) {
    if (!r.start_date) continue;
    const start = monthIndex(r.start_date);
    const end = r.end_date ? monthIndex(r.end_date) : r.is_current ? nowIndex : null;
    if (end === null || end < start) continue;
    spans.push([start, Math.min(end, nowIndex)]);
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a[0] - b[0]);
  let months = 0;
  let [curStart, curEnd] = spans[0]!;
  for (const [s, e] of spans.slice(1)) {
    if (s <= curEnd) curEnd = Math.max(curEnd, e);
    else {
      months += curEnd - curStart;
      [curStart, curEnd] = [s, e];
    }
  }
  months += curEnd - curStart;
  return Math.round((months / 12) * 10) / 10;
}

// Total experience from dated roles: the union of their intervals (overlaps count once), a current role
// running through the processing month. Computed here rather than trusted from the model, with the
// matcher's own month arithmetic so both agree.
import { monthIndex, unionMonths } from "../matching/cv-facts.ts";
import type { Experience } from "../parsing/schema.ts";

export function experienceYears(roles: Experience[], now: Date): number | null {
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const spans: Array<[number, number]> = [];
  for (const r of roles) {
    if (!r.start_date) continue;
    const end = r.is_current ? nowIndex + 1 : r.end_date ? monthIndex(r.end_date, "end") : null;
    if (end !== null) spans.push([monthIndex(r.start_date, "start"), Math.min(end, nowIndex + 1)]);
  }
  if (spans.length === 0) return null;
  return Math.round((unionMonths(spans) / 12) * 10) / 10;
}

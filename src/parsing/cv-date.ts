// The date a CV prints about itself ("Last updated in Mar 2026", a dated footer): "present" in the CV
// means that date, not the day it is processed.
import type { ExtractedDocument } from "../extraction/types.ts";
import { findDateRanges } from "./dates.ts";

const UPDATED = /(last\s+updated|updated|as of|mis\s+à\s+jour|actualizado|stand|atualizado)\b/i;
const FULL_DATE =
  /\b(?:\d{1,2}\s+[\p{L}]+\.?\s+\d{4}|[\p{L}]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}[./]\d{1,2}[./]\d{4})\b/u;

export function printedCvDate(doc: ExtractedDocument): { year: number; month: number } | null {
  for (const page of doc.pages) {
    const height = page.height > 0 ? page.height : 842;
    for (const block of page.blocks) {
      for (const line of block.lines) {
        const inMargin = line.y < 0.08 * height || line.y > 0.9 * height;
        const updated = UPDATED.test(line.text);
        if (!updated && !(inMargin && FULL_DATE.test(line.text))) continue;
        const r = findDateRanges(line.text).find((x) => x.start?.month);
        if (r?.start?.month) return { year: r.start.year, month: r.start.month };
      }
    }
  }
  return null;
}

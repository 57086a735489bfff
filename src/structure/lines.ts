// Flattens the extracted pages into lines for sectioning, dropping page furniture: page numbers,
// running headers/footers repeated on several pages, and cover-letter pages. Contact details printed
// in a footer (some templates do that) are kept once and handed to the header.
import type { ExtractedDocument } from "../extraction/types.ts";
import type { SectionLine } from "./types.ts";

export interface DocumentLines {
  /** Lines in reading order, furniture removed. */
  body: SectionLine[];
  /** Contact lines that were printed in a page margin (header/footer). */
  marginContacts: SectionLine[];
  /** Lines printed in the top/bottom margins (before removal), for finding the CV's own date. */
  marginLines: SectionLine[];
}

const PAGE_NUMBER = /^(?:(?:page|seite|página|pagina)\s*)?\d{1,3}(?:\s*(?:\/|of|de|sur|von)\s*\d{1,3})?$/i;
const TRAILING_PAGE_NUMBER = /[\s–—·|-]\s*\d{1,3}\s*\/\s*\d{1,3}$/;
const CONTACT_TEXT = /@|https?:\/\/|www\.|\b[\w-]+\.(?:com|org|net|io|me|dev|fr|de|es|pt)\b/i;
const PHONE_LIKE = /\+?\(?\d[\d ()./-]{6,}\d/g;

function looksLikeContact(text: string): boolean {
  if (CONTACT_TEXT.test(text)) return true;
  // A phone has 8+ digits in one run of digits and separators; "2009 - 2010" is not one.
  return (text.match(PHONE_LIKE) ?? []).some(
    (m) => m.replace(/\D/g, "").length >= 8 && !/^\d{4}\s*[-–]\s*\d{4}$/.test(m.trim()),
  );
}
const SALUTATION =
  /^(dear|to whom it may concern|madame|monsieur|estimad[oa]s?|sehr geehrte|prezad[oa]s?)\b/i;

function furnitureKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\d+/g, "#")
    .replace(/\s+/g, " ")
    .replace(/[\s#]+$/, "")
    .trim();
}

export function documentLines(doc: ExtractedDocument): DocumentLines {
  const all: Array<SectionLine & { margin: boolean }> = [];
  let block = 0;
  // Flow formats (DOCX, TXT, ...) are one tall page without running headers or footers.
  const paged = doc.format === "pdf" || doc.format === "image";
  for (const page of doc.pages) {
    if (page.number > 1 && isCoverLetter(page)) continue;
    const height = page.height > 0 ? page.height : 842;
    for (const b of page.blocks) {
      for (const l of b.lines) {
        const margin = paged && (l.y + l.height < 0.06 * height || l.y > 0.93 * height);
        // Icon-font glyphs (private use area) and replacement characters carry no text.
        const text = l.text
          .replace(/[\uE000-\uF8FF\uFFFD]/gu, " ")
          .replace(/\s{2,}/g, " ")
          .trim();
        if (text === "") continue;
        all.push({
          text,
          bold: l.bold,
          italic: l.italic,
          fontSize: l.fontSize,
          listItem: l.listItem,
          x: l.x,
          y: l.y,
          width: l.width,
          page: l.page,
          block,
          margin,
        });
      }
      block++;
    }
  }
  const pages = new Map<string, Set<number>>();
  for (const l of all) {
    if (!l.margin) continue;
    const key = furnitureKey(l.text);
    pages.set(key, (pages.get(key) ?? new Set()).add(l.page));
  }
  const body: SectionLine[] = [];
  const marginContacts: SectionLine[] = [];
  const marginLines: SectionLine[] = [];
  const seenContacts = new Set<string>();
  for (const { margin, ...line } of all) {
    if (!margin) {
      body.push(line);
      continue;
    }
    marginLines.push(line);
    const text = line.text.trim();
    const repeated = (pages.get(furnitureKey(text))?.size ?? 0) > 1;
    if (looksLikeContact(text)) {
      const key = furnitureKey(text.replace(TRAILING_PAGE_NUMBER, ""));
      if (!seenContacts.has(key))
        marginContacts.push({ ...line, text: text.replace(TRAILING_PAGE_NUMBER, "") });
      seenContacts.add(key);
      continue;
    }
    if (repeated || PAGE_NUMBER.test(text) || TRAILING_PAGE_NUMBER.test(text)) continue;
    body.push(line);
  }
  return { body, marginContacts, marginLines };
}

function isCoverLetter(page: ExtractedDocument["pages"][number]): boolean {
  const lines = page.blocks.flatMap((b) => b.lines).slice(0, 30);
  return lines.some((l) => SALUTATION.test(l.text.trim()) && l.text.trim().length < 60);
}

// Whether a document yields any text a person could read and, when it does not, why: a CV without
// readable text fails at extraction with that reason instead of reaching the parser.
import type { ExtractedDocument } from "./types.ts";

/** At least one letter, in any script: whitespace, digits and punctuation alone say nothing. */
export function hasReadableText(text: string): boolean {
  return /\p{L}/u.test(text);
}

export function noReadableTextReason(doc: Pick<ExtractedDocument, "format" | "hiddenText">): string {
  const prefix = "no text could be read from the document";
  if (doc.hiddenText.length > 0) {
    const reasons = [...new Set(doc.hiddenText.map((h) => h.reason))].join(", ");
    return `${prefix}: all of its text is hidden (${reasons})`;
  }
  switch (doc.format) {
    case "pdf":
      return `${prefix}: its pages carry no text and OCR found none (a blank or unreadable scan?)`;
    case "image":
      return `${prefix}: OCR found no text in the image`;
    default:
      return `${prefix}: it is empty or holds only whitespace, digits or symbols`;
  }
}

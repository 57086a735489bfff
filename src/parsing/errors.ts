// Parsing refuses a document without usable text instead of making a CV up.
import type { ExtractedDocument } from "../extraction/types.ts";

export class NoTextError extends Error {
  constructor(message = "no text could be extracted") {
    super(message);
    this.name = "NoTextError";
  }
}

/** Fewer letters than a name and a line of contact details is not a CV to parse. */
export const MIN_LETTERS = 20;

export function assertEnoughText(doc: ExtractedDocument): void {
  const letters = (doc.text.match(/\p{L}/gu) ?? []).length;
  if (letters < MIN_LETTERS) throw new NoTextError();
}

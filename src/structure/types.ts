// What structure analysis finds in an extracted document: the CV's sections and language.

export const SECTION_KINDS = [
  "header",
  "summary",
  "experience",
  "education",
  "skills",
  "projects",
  "certifications",
  "languages",
  "publications",
  "awards",
  "other",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface SectionLine {
  text: string;
  bold: boolean;
  italic: boolean;
  fontSize: number;
  listItem: boolean;
  /** Horizontal position, for telling date columns and indented lines apart. */
  x: number;
  page: number;
  /** Top of the line on its page, for re-attaching margin columns (dates set beside their entry). */
  y: number;
  width: number;
  /** Index of the extraction block the line came from: a change of block is a vertical gap. */
  block: number;
}

export interface CvSection {
  kind: SectionKind;
  /** The heading as printed; null for the header block and for sections found without a heading. */
  heading: string | null;
  lines: SectionLine[];
}

export interface CvStructure {
  /** ISO 639-1 code ("en", "fr", ...) or "und" when unsure. */
  language: string;
  sections: CvSection[];
}

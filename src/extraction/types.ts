// The document model that extraction produces and structure analysis consumes.
// Positions are in points from the top-left corner of the page.

export type DocumentFormat = "pdf" | "docx" | "doc" | "odt" | "rtf" | "html" | "txt" | "image";

export interface TextLine {
  text: string;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  bold: boolean;
  italic: boolean;
  /** A bullet or numbered list item (the marker itself is removed from `text`). */
  listItem: boolean;
}

export interface TextBlock {
  lines: TextLine[];
}

export interface DocumentPage {
  number: number;
  width: number;
  height: number;
  blocks: TextBlock[];
}

export interface HiddenTextFinding {
  reason:
    | "invisible-colour"
    | "tiny-font"
    | "outside-page"
    | "transparent"
    | "prompt-injection"
    | "hidden-style";
  text: string;
  page?: number;
}

export interface ExtractedDocument {
  format: DocumentFormat;
  pages: DocumentPage[];
  /** Visible text in reading order, blocks separated by blank lines; hidden text excluded. */
  text: string;
  /** Links found in the document (PDF annotations, DOCX/HTML hyperlinks). */
  links: string[];
  /** Present when the text came from OCR. */
  ocr?: { confidence: number };
  hiddenText: HiddenTextFinding[];
  warnings: string[];
}

export interface ExtractionLimits {
  maxPages: number;
  timeoutMs: number;
  maxUnzippedBytes: number;
}

export type ExtractionFailureReason =
  | "unsupported-format"
  | "encrypted"
  | "corrupt"
  | "too-many-pages"
  | "too-large"
  | "timeout"
  | "no-text";

/** A file that cannot be read: the CV fails with this message (never retried). */
export class ExtractionError extends Error {
  constructor(
    readonly reason: ExtractionFailureReason,
    message: string,
  ) {
    super(message);
    this.name = "ExtractionError";
  }
}

// Turns the per-format result into the final document: injection phrases removed, plain text built.
import { findInjections } from "./injection.ts";
import type {
  DocumentFormat,
  DocumentPage,
  ExtractedDocument,
  HiddenTextFinding,
  TextBlock,
  TextLine,
} from "./types.ts";

export interface RawDocument {
  format: DocumentFormat;
  pages: DocumentPage[];
  links: string[];
  hiddenText: HiddenTextFinding[];
  warnings: string[];
  ocr?: { confidence: number };
}

export function assembleDocument(raw: RawDocument): ExtractedDocument {
  const hiddenText = [...raw.hiddenText];
  const pages = raw.pages.map((page) => ({
    ...page,
    blocks: page.blocks
      .map((block) => removeInjections(block, page.number, hiddenText))
      .filter((b) => b.lines.length > 0),
  }));
  return {
    format: raw.format,
    pages,
    text: documentText(pages),
    links: [...new Set(raw.links)],
    ...(raw.ocr ? { ocr: raw.ocr } : {}),
    hiddenText,
    warnings: raw.warnings,
  };
}

/** Drops every line that an injection phrase touches (phrases may run over a line break). */
function removeInjections(block: TextBlock, page: number, findings: HiddenTextFinding[]): TextBlock {
  const joined = block.lines.map((l) => l.text).join(" ");
  const spans = findInjections(joined);
  if (spans.length === 0) return block;
  const keep: TextLine[] = [];
  const dropped: string[] = [];
  let offset = 0;
  for (const line of block.lines) {
    const start = offset;
    const end = offset + line.text.length;
    offset = end + 1;
    if (spans.some((s) => s.start < end && s.end > start)) dropped.push(line.text);
    else keep.push(line);
  }
  findings.push({ reason: "prompt-injection", text: dropped.join(" "), page });
  return { lines: keep };
}

export function documentText(pages: DocumentPage[]): string {
  return pages
    .flatMap((p) => p.blocks)
    .map((b) => b.lines.map((l) => (l.listItem ? `• ${l.text}` : l.text)).join("\n"))
    .join("\n\n");
}

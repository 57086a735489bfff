// Flow formats (DOCX, ODT, HTML, RTF, DOC, TXT) have paragraphs, not positions. They become one page whose
// lines carry the style that was declared, stacked at nominal positions so the model has one shape.
import type { RawDocument } from "./assemble.ts";
import { splitListMarker, tidyLine } from "./normalize.ts";
import type { DocumentFormat, DocumentPage, HiddenTextFinding, TextBlock, TextLine } from "./types.ts";

export interface Paragraph {
  text: string;
  fontSize?: number;
  bold?: boolean;
  italic?: boolean;
  listItem?: boolean;
  /** Why a reader would not see this paragraph, if hidden. */
  hidden?: HiddenTextFinding["reason"];
  /** A heading (declared by style or tag). */
  heading?: boolean;
}

const PAGE_WIDTH = 595;
const DEFAULT_SIZE = 11;

export function flowDocument(
  format: DocumentFormat,
  paragraphs: Paragraph[],
  extra: { links?: string[]; warnings?: string[]; hiddenText?: HiddenTextFinding[] } = {},
): RawDocument {
  const hiddenText: HiddenTextFinding[] = [...(extra.hiddenText ?? [])];
  const blocks: TextBlock[] = [];
  let current: TextLine[] = [];
  let y = 40;
  const flush = () => {
    if (current.length > 0) blocks.push({ lines: current });
    current = [];
  };
  for (const p of paragraphs) {
    // A paragraph may hold line breaks: each is a line of the same block.
    const rawLines = p.text.split(/\r?\n|\u2028/).map(tidyLine);
    if (p.hidden) {
      const text = rawLines.filter(Boolean).join(" ");
      if (text) hiddenText.push({ reason: p.hidden, text, page: 1 });
      continue;
    }
    if (rawLines.every((l) => l === "")) {
      flush();
      continue;
    }
    const fontSize = p.fontSize && p.fontSize > 0 ? p.fontSize : DEFAULT_SIZE;
    const lines: TextLine[] = [];
    for (const raw of rawLines) {
      if (raw === "") continue;
      const marker = splitListMarker(raw);
      const listItem = (p.listItem ?? false) || marker.listItem;
      const text = p.listItem && !marker.listItem ? raw : marker.text;
      const height = fontSize * 1.2;
      lines.push({
        text,
        page: 1,
        x: listItem ? 54 : 40,
        y: Math.round(y * 100) / 100,
        width: Math.min(PAGE_WIDTH - 80, Math.round(text.length * fontSize * 0.5)),
        height: Math.round(height * 100) / 100,
        fontSize,
        bold: p.bold ?? false,
        italic: p.italic ?? false,
        listItem,
      });
      y += height;
    }
    // List items stay together; any other paragraph is a block of its own.
    const isList = lines.every((l) => l.listItem);
    const prevIsList = current.length > 0 && current.every((l) => l.listItem);
    if (!(isList && prevIsList)) flush();
    current.push(...lines);
    if (!isList) flush();
    y += fontSize * 0.5;
  }
  flush();
  const page: DocumentPage = { number: 1, width: PAGE_WIDTH, height: Math.ceil(y + 40), blocks };
  return {
    format,
    pages: blocks.length > 0 ? [page] : [],
    links: extra.links ?? [],
    hiddenText,
    warnings: extra.warnings ?? [],
  };
}

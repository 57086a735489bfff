// Builds ExtractedDocument values by hand for unit tests: one line per entry, blank lines start blocks.
import type { ExtractedDocument, TextLine } from "../../src/extraction/types.ts";

export interface LineSpec {
  text: string;
  bold?: boolean;
  size?: number;
  x?: number;
  list?: boolean;
  italic?: boolean;
}

/** `"## "` marks a heading (bold, 14pt), `"**"` a bold line, `"- "` a bullet; "" separates blocks. */
export function docFromLines(
  specs: Array<string | LineSpec>,
  format: ExtractedDocument["format"] = "pdf",
): ExtractedDocument {
  const blocks: TextLine[][] = [[]];
  let y = 60;
  for (const spec of specs) {
    if (spec === "") {
      if ((blocks[blocks.length - 1] as TextLine[]).length > 0) blocks.push([]);
      y += 8;
      continue;
    }
    const s: LineSpec =
      typeof spec === "string"
        ? spec.startsWith("## ")
          ? { text: spec.slice(3), bold: true, size: 14 }
          : spec.startsWith("**")
            ? { text: spec.slice(2), bold: true }
            : spec.startsWith("- ")
              ? { text: spec.slice(2), list: true, x: 62 }
              : { text: spec }
        : spec;
    const size = s.size ?? 10;
    (blocks[blocks.length - 1] as TextLine[]).push({
      text: s.text,
      page: 1,
      x: s.x ?? 50,
      y,
      width: Math.min(495, s.text.length * size * 0.5),
      height: size * 1.2,
      fontSize: size,
      bold: s.bold ?? false,
      italic: s.italic ?? false,
      listItem: s.list ?? false,
    });
    y += size * 1.4;
  }
  const nonEmpty = blocks.filter((b) => b.length > 0);
  return {
    format,
    pages: [
      { number: 1, width: 595, height: Math.max(842, y + 60), blocks: nonEmpty.map((lines) => ({ lines })) },
    ],
    text: nonEmpty.map((b) => b.map((l) => (l.listItem ? `• ${l.text}` : l.text)).join("\n")).join("\n\n"),
    links: [],
    hiddenText: [],
    warnings: [],
  };
}

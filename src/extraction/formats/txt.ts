// Plain text in any encoding: paragraphs are separated by blank lines, lines kept as they are.
import type { RawDocument } from "../assemble.ts";
import { decodeText } from "../decode-text.ts";
import { flowDocument, type Paragraph } from "../flow.ts";

export function extractTxt(bytes: Uint8Array): RawDocument {
  const { text, encoding } = decodeText(bytes);
  const paragraphs: Paragraph[] = text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => ({ text: p }));
  const doc = flowDocument("txt", paragraphs);
  if (encoding !== "UTF-8") doc.warnings.push(`text decoded from ${encoding}`);
  return doc;
}

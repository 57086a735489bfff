// Legacy Word (.doc, OLE2) through word-extractor: body, headers, footers and text boxes as plain paragraphs.
import WordExtractor from "word-extractor";
import type { RawDocument } from "../assemble.ts";
import { flowDocument, type Paragraph } from "../flow.ts";
import { ExtractionError } from "../types.ts";

export async function extractDoc(bytes: Uint8Array): Promise<RawDocument> {
  let doc: Awaited<ReturnType<WordExtractor["extract"]>>;
  try {
    doc = await new WordExtractor().extract(Buffer.from(bytes));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/encrypt/i.test(message)) throw new ExtractionError("encrypted", "encrypted Word document");
    throw new ExtractionError("corrupt", `file is corrupt: ${message}`);
  }
  const parts = [
    doc.getHeaders({ includeFooters: false }),
    doc.getBody(),
    doc.getTextboxes({ includeHeadersAndFooters: true, includeBody: true }),
    doc.getFooters(),
  ];
  const paragraphs: Paragraph[] = parts
    .flatMap((part) => part.split(/\r\n?|\n/))
    .map((text) => ({ text: text.replace(/[\u0007\u000c]/g, " ") }));
  return flowDocument("doc", paragraphs);
}

// In-thread extraction: sniff the bytes, run the reader for that format, assemble the document model.
// Callers that must survive hostile files use the worker pool (pool.ts), which wraps this.
import { assembleDocument, type RawDocument } from "./assemble.ts";
import { extractDoc } from "./formats/doc.ts";
import { extractDocx } from "./formats/docx.ts";
import { extractHtml } from "./formats/html.ts";
import { extractImage } from "./formats/image.ts";
import { extractOdt } from "./formats/odt.ts";
import { extractPdf } from "./formats/pdf.ts";
import { ocrPdfPages } from "./formats/pdf-ocr.ts";
import { extractRtf } from "./formats/rtf.ts";
import { extractTxt } from "./formats/txt.ts";
import { hasReadableText, noReadableTextReason } from "./readable.ts";
import { sniffFormat } from "./sniff.ts";
import {
  type DocumentFormat,
  type ExtractedDocument,
  ExtractionError,
  type ExtractionLimits,
} from "./types.ts";

export interface ExtractOptions {
  filename: string;
  limits: ExtractionLimits;
}

const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export async function extractDocument(
  bytes: Uint8Array,
  options: ExtractOptions,
): Promise<ExtractedDocument> {
  if (bytes.byteLength > MAX_INPUT_BYTES) {
    throw new ExtractionError("too-large", `file is larger than ${MAX_INPUT_BYTES / 1_048_576} MB`);
  }
  const sniffed = sniffFormat(bytes, options.filename);
  if (!sniffed) {
    throw new ExtractionError(
      "unsupported-format",
      `unsupported or unrecognised file type (${options.filename})`,
    );
  }
  let raw: RawDocument;
  try {
    raw = await readFormat(sniffed.format, bytes, options.limits);
  } catch (err) {
    // Parsers fail in their own ways (RangeError on absurd nesting, TypeError on broken structures).
    if (err instanceof ExtractionError) throw err;
    throw new ExtractionError(
      "corrupt",
      `file is corrupt: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const extension = options.filename.match(/\.([a-z0-9]+)$/i)?.[1]?.toLowerCase();
  if (extension && !extensionMatches(extension, sniffed.format)) {
    raw.warnings.push(`content is ${sniffed.format} but the file name ends in .${extension}`);
  }
  const doc = assembleDocument(raw);
  // Hidden text alone still yields a document, so its findings can be inspected; the pipeline fails it.
  if (!hasReadableText(doc.text) && doc.hiddenText.length === 0) {
    throw new ExtractionError("no-text", noReadableTextReason(doc));
  }
  return doc;
}

async function readFormat(
  format: DocumentFormat,
  bytes: Uint8Array,
  limits: ExtractionLimits,
): Promise<RawDocument> {
  switch (format) {
    case "pdf": {
      const pdf = await extractPdf(bytes, limits);
      await ocrPdfPages(bytes, pdf);
      return pdf;
    }
    case "docx":
      return extractDocx(bytes, limits);
    case "odt":
      return extractOdt(bytes, limits);
    case "doc":
      return extractDoc(bytes);
    case "rtf":
      return extractRtf(bytes);
    case "html":
      return extractHtml(bytes);
    case "txt":
      return extractTxt(bytes);
    case "image":
      return extractImage(bytes);
  }
}

const EXTENSIONS: Record<DocumentFormat, string[]> = {
  pdf: ["pdf"],
  docx: ["docx", "docm", "dotx"],
  doc: ["doc", "dot"],
  odt: ["odt", "ott"],
  rtf: ["rtf"],
  html: ["html", "htm", "xhtml"],
  txt: ["txt", "text", "md", "csv"],
  image: ["png", "jpg", "jpeg"],
};

function extensionMatches(extension: string, format: DocumentFormat): boolean {
  return EXTENSIONS[format].includes(extension);
}

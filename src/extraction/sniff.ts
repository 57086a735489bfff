// File type from content, never from the name alone: an upload named .pdf that is a zip is not a PDF.
import { unzipSync } from "fflate";
import type { DocumentFormat } from "./types.ts";

export interface SniffResult {
  format: DocumentFormat;
  mime: string;
}

const MIME: Record<DocumentFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  odt: "application/vnd.oasis.opendocument.text",
  rtf: "application/rtf",
  html: "text/html",
  txt: "text/plain",
  image: "image/png",
};

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.subarray(start, Math.min(end, bytes.length))).toString("latin1");
}

function result(format: DocumentFormat, mime = MIME[format]): SniffResult {
  return { format, mime };
}

export function sniffFormat(bytes: Uint8Array, filename?: string): SniffResult | null {
  if (bytes.length === 0) return null;
  // PDF: the header may follow some junk bytes (the spec allows it within the first 1 KB).
  if (ascii(bytes, 0, 1024).includes("%PDF-")) return result("pdf");
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return result("image", "image/png");
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return result("image", "image/jpeg");
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(bytes);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (ascii(bytes, 0, 6) === "{\\rtf1" || ascii(bytes, 0, 5) === "{\\rtf") return result("rtf");
  return sniffText(bytes, filename);
}

// OLE2 compound files are also used by old Excel/PowerPoint; only a Word stream makes a .doc.
function sniffOle(bytes: Uint8Array): SniffResult | null {
  const hay = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return hay.indexOf(Buffer.from("WordDocument", "utf16le")) >= 0 ? result("doc") : null;
}

function sniffZip(bytes: Uint8Array): SniffResult | null {
  // ODF puts an uncompressed "mimetype" entry first: its content sits at a fixed offset.
  const head = ascii(bytes, 30, 120);
  if (head.startsWith("mimetypeapplication/vnd.oasis.opendocument.text")) return result("odt");
  // Otherwise read only the central directory names (no decompression).
  let names: string[] = [];
  try {
    const seen: string[] = [];
    unzipSync(bytes, {
      filter: (file) => {
        seen.push(file.name);
        return false;
      },
    });
    names = seen;
  } catch {
    return null;
  }
  if (names.includes("word/document.xml")) return result("docx");
  if (names.includes("content.xml") && names.includes("mimetype")) {
    return result("odt");
  }
  return null;
}

function sniffText(bytes: Uint8Array, filename?: string): SniffResult | null {
  const sample = bytes.subarray(0, 8192);
  if (!looksLikeText(sample)) return null;
  const head = decodeHead(sample).trimStart().slice(0, 1024).toLowerCase();
  if (/^(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/.test(head)) return result("html");
  if (/^<(?:head|body|meta|title|div|p|h1)[\s>]/.test(head)) return result("html");
  if (filename && /\.html?$/i.test(filename) && /<\/?[a-z][a-z0-9]*[\s>]/.test(head)) return result("html");
  // Structured data (a JSON export, a config file) is text but no CV.
  if (/^[[{]/.test(head) && isJson(bytes)) return null;
  return result("txt");
}

/** UTF-16 text without a BOM: every other byte is NUL for Latin text. */
export function looksLikeUtf16WithoutBom(sample: Uint8Array): "utf16le" | "utf16be" | null {
  if (sample.length < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  const n = sample.length - (sample.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZero++;
    if (sample[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero / pairs > 0.9 && evenZero / pairs < 0.05) return "utf16le";
  if (evenZero / pairs > 0.9 && oddZero / pairs < 0.05) return "utf16be";
  return null;
}

function decodeHead(sample: Uint8Array): string {
  const bomless = looksLikeUtf16WithoutBom(sample);
  if (bomless === "utf16le") return Buffer.from(sample).toString("utf16le");
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) {
    const le = sample[0] === 0xff;
    const buf = Buffer.from(sample.subarray(2));
    if (!le) buf.swap16();
    return buf.toString("utf16le");
  }
  return Buffer.from(sample).toString("latin1");
}

/** Text in some encoding: UTF-16 with BOM, or mostly printable bytes with no NULs. */
function looksLikeText(sample: Uint8Array): boolean {
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  if (looksLikeUtf16WithoutBom(sample)) return true;
  let control = 0;
  for (const b of sample) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / sample.length < 0.02;
}

function isJson(bytes: Uint8Array): boolean {
  if (bytes.length > 5_000_000) return false;
  try {
    JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return true;
  } catch {
    return false;
  }
}

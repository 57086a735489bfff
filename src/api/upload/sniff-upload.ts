// The type of an upload from its content, when only its first and last bytes were kept: the head
// decides for most formats; containers (ZIP, OLE2) also need the directory at the end.
import { type SniffResult, sniffFormat } from "../../extraction/sniff.ts";
import { zipEntryNames } from "./zip-entries.ts";

const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT_MIME = "application/vnd.oasis.opendocument.text";
const DOC_MIME = "application/msword";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

export type Container = "zip" | "ole" | null;

export function containerOf(head: Uint8Array): Container {
  if (startsWith(head, ZIP)) return "zip";
  if (startsWith(head, OLE)) return "ole";
  return null;
}

/** Whether the head already rules the upload out (so it need not be stored at all). */
export function rejectedByHead(head: Uint8Array, filename: string): boolean {
  return containerOf(head) === null && sniffFormat(head, filename) === null;
}

export interface UploadBytes {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
  filename: string;
}

export function sniffUpload({ head, tail, size, filename }: UploadBytes): SniffResult | null {
  // The whole file is in hand: the shared rules decide alone.
  if (size <= head.length) return sniffFormat(head.subarray(0, size), filename);
  const fromHead = sniffFormat(head, filename);
  switch (containerOf(head)) {
    case "zip": {
      if (fromHead) return fromHead;
      const names = zipEntryNames(tail, size);
      if (!names) return null;
      if (names.includes("word/document.xml")) return { format: "docx", mime: DOCX_MIME };
      if (names.includes("content.xml") && names.includes("mimetype"))
        return { format: "odt", mime: ODT_MIME };
      return null;
    }
    case "ole": {
      if (fromHead) return fromHead;
      // The directory stream naming "WordDocument" usually sits near the start, else near the end.
      const marker = Buffer.from("WordDocument", "utf16le");
      return Buffer.from(tail).indexOf(marker) >= 0 ? { format: "doc", mime: DOC_MIME } : null;
    }
    default:
      return fromHead;
  }
}

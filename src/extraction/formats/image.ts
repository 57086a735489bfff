// PNG and JPEG CVs: dimensions checked from the header before any decoding, then OCR.
import type { RawDocument } from "../assemble.ts";
import { ocrImage } from "../ocr.ts";
import { ExtractionError } from "../types.ts";

/** Above this the image is refused rather than decoded (a 300 dpi A4 scan is about 8.7 megapixels). */
export const MAX_IMAGE_PIXELS = 40_000_000;

export function imageSize(bytes: Uint8Array): { width: number; height: number } | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length >= 24 && view.readUInt32BE(0) === 0x89504e47) {
    return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
  }
  if (view[0] === 0xff && view[1] === 0xd8) {
    let i = 2;
    while (i + 9 < view.length) {
      if (view[i] !== 0xff) return null;
      const marker = view[i + 1]!;
      const length = view.readUInt16BE(i + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { height: view.readUInt16BE(i + 5), width: view.readUInt16BE(i + 7) };
      }
      i += 2 + length;
    }
  }
  return null;
}

export async function extractImage(bytes: Uint8Array): Promise<RawDocument> {
  const size = imageSize(bytes);
  if (!size || size.width === 0 || size.height === 0) {
    throw new ExtractionError("corrupt", "file is corrupt: unreadable image header");
  }
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    throw new ExtractionError("too-large", `image is too large (${size.width}×${size.height} pixels)`);
  }
  // No native decoding here before OCR: @napi-rs/canvas crashes the process on some truncated PNGs, while
  // tesseract's own decoder (leptonica, in wasm) fails cleanly.
  // Page coordinates: the image is taken as an A4-wide page.
  const scale = 595 / size.width;
  let page: Awaited<ReturnType<typeof ocrImage>>;
  try {
    page = await ocrImage(Buffer.from(bytes), 1, scale);
  } catch (err) {
    throw new ExtractionError(
      "corrupt",
      `file is corrupt: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return {
    format: "image",
    pages: [{ number: 1, width: 595, height: Math.round(size.height * scale), blocks: page.blocks }],
    links: [],
    hiddenText: [],
    warnings: [],
    ocr: { confidence: page.confidence },
  };
}

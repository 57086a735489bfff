// Bytes of unknown encoding → UTF-8 string: BOMs first, then strict UTF-8, then statistical detection.
import chardet from "chardet";
import iconv from "iconv-lite";
import { looksLikeUtf16WithoutBom } from "./sniff.ts";

export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString("utf8"), encoding: "UTF-8" };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), "utf16le"), encoding: "UTF-16LE" };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), "utf16be"), encoding: "UTF-16BE" };
  const bomless = looksLikeUtf16WithoutBom(buf.subarray(0, 8192));
  if (bomless) return { text: iconv.decode(buf, bomless), encoding: bomless.toUpperCase() };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(buf), encoding: "UTF-8" };
  } catch {
    // Not valid UTF-8: a legacy single-byte or CJK encoding.
  }
  const detected = chardet.detect(buf.subarray(0, 65536));
  const encoding = detected && iconv.encodingExists(detected) ? detected : "windows-1252";
  return { text: iconv.decode(buf, encoding), encoding };
}

// Entry names of a ZIP file from its last bytes only: the central directory sits at the end, so an
// upload can be told apart (DOCX, ODT, other ZIP) without holding the whole file in memory.

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/**
 * Names in the central directory found in `tail` (the last bytes of a file of `fileSize` bytes);
 * null when the directory is not entirely inside `tail` or the bytes are not a ZIP directory.
 */
export function zipEntryNames(tail: Uint8Array, fileSize: number): string[] | null {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535 bytes: search backwards.
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 65_535; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  const dirSize = view.getUint32(eocd + 12, true);
  const dirOffset = view.getUint32(eocd + 16, true);
  // Position of the directory inside `tail`, from its absolute offset in the file.
  const tailStart = fileSize - tail.length;
  let p = dirOffset - tailStart;
  if (p < 0 || p + dirSize > eocd) return null;
  const names: string[] = [];
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    if (p + 46 + nameLength > eocd) return null;
    names.push(Buffer.from(tail.subarray(p + 46, p + 46 + nameLength)).toString("utf8"));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// Reading entries of a zip container (DOCX, ODT) with the decompressed size capped, so a zip bomb fails
// fast instead of filling memory.
import { unzipSync } from "fflate";
import { ExtractionError } from "./types.ts";

const MAX_ENTRIES = 20_000;

export function readZipEntries(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  maxUnzippedBytes: number,
): Map<string, Uint8Array> {
  let declared = 0;
  let entries = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        entries++;
        if (entries > MAX_ENTRIES)
          throw new ExtractionError("too-large", `zip has more than ${MAX_ENTRIES} entries`);
        if (!wanted(file.name)) return false;
        // fflate inflates into a buffer of the declared size, so the declared sizes bound the memory used.
        declared += file.originalSize;
        if (declared > maxUnzippedBytes) {
          throw new ExtractionError(
            "too-large",
            `decompressed content exceeds ${Math.round(maxUnzippedBytes / 1_048_576)} MB (possible zip bomb)`,
          );
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ExtractionError) throw err;
    throw new ExtractionError(
      "corrupt",
      `file is corrupt: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return new Map(Object.entries(files));
}

export function utf8(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString("utf8") : "";
}

// Adds one CV file to a batch: type sniffed from the content, duplicate check by SHA-256, file to
// storage, row to the database. The CLI uses it; the upload route streams and shares the rules.
import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/database.ts";
import { cvs } from "../db/schema.ts";
import { sniffFormat } from "../extraction/sniff.ts";
import type { Storage } from "../ports.ts";

export type StoreOutcome =
  | { status: "stored"; id: string; filename: string; sizeBytes: number; mimeType: string }
  | { status: "duplicate"; existingId: string; filename: string }
  | { status: "rejected"; filename: string; error: string };

/** Keeps a name a person can recognise while making it safe for headers, paths and terminals. */
export function sanitizeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || "cv";
}

export function storageKeyFor(userId: string, batchId: string, cvId: string): string {
  return `${userId}/${batchId}/${cvId}`;
}

export async function storeCvFile(
  deps: { db: Database; storage: Storage; maxFileBytes: number },
  input: { userId: string; batchId: string; filename: string; bytes: Uint8Array },
): Promise<StoreOutcome> {
  const filename = sanitizeFilename(input.filename);
  if (input.bytes.length === 0) return { status: "rejected", filename, error: "the file is empty" };
  if (input.bytes.length > deps.maxFileBytes) {
    return { status: "rejected", filename, error: `the file is larger than ${deps.maxFileBytes} bytes` };
  }
  const type = sniffFormat(input.bytes, filename);
  if (!type) {
    return {
      status: "rejected",
      filename,
      error: "unsupported file type (accepted: PDF, DOCX, DOC, ODT, RTF, TXT, HTML, PNG, JPEG)",
    };
  }
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const existing = await deps.db
    .select({ id: cvs.id })
    .from(cvs)
    .where(and(eq(cvs.batchId, input.batchId), eq(cvs.sha256, sha256)));
  if (existing[0]) return { status: "duplicate", existingId: existing[0].id, filename };

  const id = randomUUID();
  const storageKey = storageKeyFor(input.userId, input.batchId, id);
  await deps.storage.put(storageKey, Buffer.from(input.bytes), type.mime);
  const inserted = await deps.db
    .insert(cvs)
    .values({
      id,
      batchId: input.batchId,
      userId: input.userId,
      filename,
      mimeType: type.mime,
      sizeBytes: input.bytes.length,
      sha256,
      storageKey,
    })
    .onConflictDoNothing()
    .returning({ id: cvs.id })
    .catch((error: unknown) => deleteOrphan(deps.storage, storageKey, error));
  if (inserted.length === 0) {
    // The same file arrived twice at once; keep the first copy.
    await deps.storage.delete(storageKey);
    const winner = await deps.db
      .select({ id: cvs.id })
      .from(cvs)
      .where(and(eq(cvs.batchId, input.batchId), eq(cvs.sha256, sha256)));
    return { status: "duplicate", existingId: winner[0]?.id ?? "", filename };
  }
  return { status: "stored", id, filename, sizeBytes: input.bytes.length, mimeType: type.mime };
}

/**
 * The row could not be written, so nothing refers to the stored file: delete it and rethrow the
 * insert's error (a failed clean-up must not hide why the upload failed).
 */
export async function deleteOrphan(storage: Storage, key: string, error: unknown): Promise<never> {
  await storage.delete(key).catch(() => {});
  throw error;
}

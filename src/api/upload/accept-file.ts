// Decides on one received file: too large, wrong type, duplicate, or a new CV row.
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/database.ts";
import { cvs } from "../../db/schema.ts";
import { deleteOrphan } from "../../intake/store-cv-file.ts";
import type { Storage } from "../../ports.ts";
import type { RejectedFile, UploadedFile } from "../schemas/uploads.ts";
import type { ReceivedFile } from "./receive-file.ts";
import { sniffUpload } from "./sniff-upload.ts";

export const ACCEPTED_TYPES = "PDF, DOCX, DOC, ODT, RTF, TXT, HTML, PNG, JPEG";

export type Decision =
  | { kind: "uploaded"; file: UploadedFile }
  | { kind: "rejected"; file: RejectedFile; reason: "too-large" | "type" | "empty" | "duplicate" };

export async function acceptFile(
  deps: { db: Database; storage: Storage; maxFileBytes: number },
  input: {
    id: string;
    userId: string;
    batchId: string;
    filename: string;
    key: string;
    truncated: boolean;
    received: ReceivedFile;
  },
): Promise<Decision> {
  const { received, filename } = input;
  const discard = () => (received.stored ? deps.storage.delete(input.key) : Promise.resolve());
  const reject = async (reason: "too-large" | "type" | "empty", error: string): Promise<Decision> => {
    await discard();
    return { kind: "rejected", file: { filename, error }, reason };
  };
  if (input.truncated) return reject("too-large", `file is larger than ${deps.maxFileBytes} bytes`);
  if (received.size === 0) return reject("empty", "file is empty");
  const type = sniffUpload({ ...received, filename });
  if (!type || !received.stored) {
    return reject("type", `unsupported file type (accepted: ${ACCEPTED_TYPES})`);
  }
  const inserted = await deps.db
    .insert(cvs)
    .values({
      id: input.id,
      batchId: input.batchId,
      userId: input.userId,
      filename,
      mimeType: type.mime,
      sizeBytes: received.size,
      sha256: received.sha256,
      storageKey: input.key,
    })
    .onConflictDoNothing()
    .returning({ id: cvs.id })
    .catch((error: unknown) => deleteOrphan(deps.storage, input.key, error));
  if (inserted.length === 0) {
    // Same bytes already in this batch (unique batch_id + sha256): keep the first copy.
    await discard();
    const [existing] = await deps.db
      .select({ id: cvs.id })
      .from(cvs)
      .where(and(eq(cvs.batchId, input.batchId), eq(cvs.sha256, received.sha256)));
    return {
      kind: "rejected",
      reason: "duplicate",
      file: {
        filename,
        error: "duplicate: the same file is already in this batch",
        ...(existing ? { duplicate_of: existing.id } : {}),
      },
    };
  }
  return {
    kind: "uploaded",
    file: {
      id: input.id,
      filename,
      status: "uploaded",
      size_bytes: received.size,
      mime_type: type.mime,
      format: type.format,
      sha256: received.sha256,
    },
  };
}

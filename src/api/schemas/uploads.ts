// Upload results: what was stored, what was refused and why.
import { z } from "zod";
import { uuid } from "./common.ts";

export const uploadParams = z.object({ batch_id: uuid });

export const uploadedFileSchema = z.object({
  id: uuid,
  filename: z.string().describe("The sanitised name"),
  status: z.literal("uploaded"),
  size_bytes: z.number().int(),
  mime_type: z.string().describe("Detected from the content"),
  format: z.string(),
  sha256: z.string(),
});

export const rejectedFileSchema = z.object({
  filename: z.string(),
  error: z.string(),
  duplicate_of: uuid.optional().describe("Set when the same file is already in the batch"),
});

export const uploadResponse = z
  .object({ uploaded: z.array(uploadedFileSchema), rejected: z.array(rejectedFileSchema) })
  .meta({ id: "UploadResult" });

export type UploadedFile = z.infer<typeof uploadedFileSchema>;
export type RejectedFile = z.infer<typeof rejectedFileSchema>;

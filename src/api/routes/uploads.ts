// Upload of CV files into a batch: multipart field `files`, streamed to storage one file at a
// time; each file is accepted or rejected on its own, the response lists both.
import { randomUUID } from "node:crypto";
import type { MultipartFile } from "@fastify/multipart";
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { cvBatches, cvs } from "../../db/schema.ts";
import { sanitizeFilename, storageKeyFor } from "../../intake/store-cv-file.ts";
import type { Runtime } from "../../runtime-types.ts";
import { ApiProblem, notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { accountLimit } from "../rate-limits.ts";
import { problemSchema } from "../schemas/common.ts";
import { type RejectedFile, type UploadedFile, uploadParams, uploadResponse } from "../schemas/uploads.ts";
import { acceptFile } from "../upload/accept-file.ts";
import { receiveFile } from "../upload/receive-file.ts";

export const FILES_FIELD = "files";

export function uploadRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db, storage, config } = runtime;
  return async (app) => {
    requireAuth(app, runtime);

    app.post(
      "/cv-batches/:batch_id/upload",
      {
        config: { rateLimit: accountLimit(config.RATE_LIMIT_UPLOAD_PER_MINUTE, "upload") },
        schema: {
          tags: ["batches"],
          summary: `Upload CV files (multipart, field "${FILES_FIELD}" repeated)`,
          description:
            `Up to ${config.UPLOAD_MAX_FILES} files of up to ${config.UPLOAD_MAX_FILE_BYTES} bytes each. ` +
            "The type is detected from the content. 201 when at least one file was stored, 200 when all " +
            "were already in the batch, 413 when the only files were too large, 422 when none was usable.",
          security: [{ bearer: [] }],
          params: uploadParams,
          consumes: ["multipart/form-data"],
          response: {
            200: uploadResponse,
            201: uploadResponse,
            400: problemSchema,
            401: problemSchema,
            404: problemSchema,
            413: problemSchema,
            415: problemSchema,
            422: problemSchema,
            429: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { batch_id: batchId } = request.params;
        const [batch] = await db
          .select({ id: cvBatches.id })
          .from(cvBatches)
          .where(and(eq(cvBatches.id, batchId), eq(cvBatches.userId, userId)));
        if (!batch) throw notFound("batch");
        if (!request.isMultipart()) {
          throw new ApiProblem(415, "unsupported-media-type", "expected multipart/form-data");
        }

        const uploaded: UploadedFile[] = [];
        const rejected: RejectedFile[] = [];
        const reasons = new Set<string>();
        let fileParts = 0;
        try {
          for await (const part of request.parts()) {
            if (part.type !== "file") continue;
            fileParts++;
            const filename = sanitizeFilename(part.filename ?? "");
            if (part.fieldname !== FILES_FIELD) {
              part.file.resume();
              rejected.push({
                filename,
                error: `unexpected field "${part.fieldname}" (use "${FILES_FIELD}")`,
              });
              reasons.add("field");
              continue;
            }
            const decision = await takeFile(part, filename);
            if (decision.kind === "uploaded") uploaded.push(decision.file);
            else {
              rejected.push(decision.file);
              reasons.add(decision.reason);
            }
          }
        } catch (error) {
          // A request-level failure (too many files, broken body, storage down): nothing of it stays.
          await removeUploaded(uploaded);
          throw error;
        }

        if (uploaded.length > 0) return reply.code(201).send({ uploaded, rejected });
        if (reasons.has("duplicate")) return reply.code(200).send({ uploaded, rejected });
        if (fileParts === 0) {
          throw new ApiProblem(400, "no-files", `no files sent: use multipart field "${FILES_FIELD}"`);
        }
        if (reasons.size === 1 && reasons.has("too-large")) {
          throw new ApiProblem(413, "file-too-large", "every file is larger than the allowed size", rejected);
        }
        throw new ApiProblem(422, "no-usable-files", "none of the files could be used", rejected);

        async function takeFile(part: MultipartFile, filename: string) {
          const id = randomUUID();
          const key = storageKeyFor(userId, batchId, id);
          const received = await receiveFile(part.file, { storage, key, filename });
          return acceptFile(
            { db, storage, maxFileBytes: config.UPLOAD_MAX_FILE_BYTES },
            { id, userId, batchId, filename, key, truncated: part.file.truncated, received },
          );
        }

        async function removeUploaded(files: UploadedFile[]) {
          for (const file of files) {
            const [row] = await db
              .delete(cvs)
              .where(and(eq(cvs.id, file.id), eq(cvs.userId, userId)))
              .returning({ key: cvs.storageKey });
            if (row) await storage.delete(row.key).catch(() => {});
          }
        }
      },
    );
  };
}

// Processing: start a batch, retry a CV, read a batch's queue status (the documented shape).
import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { cvBatches } from "../../db/schema.ts";
import { queueStatusSchema } from "../../progress/events.ts";
import type { Runtime } from "../../runtime-types.ts";
import { notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { problemSchema, protectedErrors } from "../schemas/common.ts";
import { batchIdParams, cvIdParams, processResponse, retryResponse } from "../schemas/processing.ts";

const security = [{ bearer: [] }];

export function processingRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db, scheduler } = runtime;
  return async (app) => {
    requireAuth(app, runtime);

    const assertOwnBatch = async (userId: string, batchId: string) => {
      const [row] = await db
        .select({ id: cvBatches.id })
        .from(cvBatches)
        .where(and(eq(cvBatches.id, batchId), eq(cvBatches.userId, userId)));
      if (!row) throw notFound("batch");
    };

    app.post(
      "/cv-processing/batch/:batch_id/process",
      {
        schema: {
          tags: ["processing"],
          summary: "Queue the batch's uploaded and failed CVs for processing",
          security,
          params: batchIdParams,
          response: { 202: processResponse, ...protectedErrors, 503: problemSchema },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { batch_id } = request.params;
        await assertOwnBatch(userId, batch_id);
        const { queued } = await scheduler.queueBatch(userId, batch_id);
        return reply.code(202).send({ batch_id, queued });
      },
    );

    app.post(
      "/cv-processing/cv/:cv_id/retry",
      {
        schema: {
          tags: ["processing"],
          summary: "Process one CV again from the start (its previous results are replaced)",
          security,
          params: cvIdParams,
          response: { 202: retryResponse, ...protectedErrors },
        },
      },
      async (request, reply) => {
        const { cv_id } = request.params;
        const queued = await scheduler.retryCv(userIdOf(request), cv_id);
        if (!queued) throw notFound("CV");
        return reply.code(202).send({ cv_id, status: "queued" as const });
      },
    );

    app.get(
      "/cv-processing/batch/:batch_id/queue-status",
      {
        schema: {
          tags: ["processing"],
          summary: "Counts, percentage, ETA and queue positions of a batch",
          security,
          params: batchIdParams,
          response: { 200: queueStatusSchema, ...protectedErrors },
        },
      },
      async (request) => {
        const { batch_id } = request.params;
        await assertOwnBatch(userIdOf(request), batch_id);
        return scheduler.queueStatus(batch_id);
      },
    );
  };
}

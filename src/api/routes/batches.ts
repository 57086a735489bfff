// CV batches of the caller: create, list, read (with status counts), edit, delete (with files).
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Database } from "../../db/database.ts";
import { cvBatches, cvs, jobDescriptions } from "../../db/schema.ts";
import { costSummary } from "../../llm/usage.ts";
import type { Storage } from "../../ports.ts";
import type { Runtime } from "../../runtime-types.ts";
import { notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { batchSchema, createBatchBody, patchBatchBody } from "../schemas/batches.ts";
import {
  idParams,
  noContent,
  paginated,
  paginationQuery,
  problemSchema,
  protectedErrors,
} from "../schemas/common.ts";
import { batchViews, selectBatches } from "../views/batch.ts";

const security = [{ bearer: [] }];

/** A JD the caller may link: another account's JD answers exactly like a missing one. */
async function assertOwnJd(db: Database, userId: string, jdId: string | null | undefined) {
  if (!jdId) return;
  const [jd] = await db
    .select({ id: jobDescriptions.id })
    .from(jobDescriptions)
    .where(and(eq(jobDescriptions.id, jdId), eq(jobDescriptions.userId, userId)));
  if (!jd) throw notFound("job description");
}

/** Removes stored files, a few at a time; a file that cannot be removed is logged, not fatal. */
export async function deleteFiles(
  storage: Storage,
  keys: string[],
  onError: (key: string, error: unknown) => void,
): Promise<void> {
  const pending = [...keys];
  const worker = async () => {
    for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
      await storage.delete(key).catch((error) => onError(key as string, error));
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, pending.length) }, worker));
}

export function batchRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db } = runtime;
  return async (app) => {
    requireAuth(app, runtime);

    const viewOf = async (userId: string, id: string) => {
      const rows = await selectBatches(db).where(and(eq(cvBatches.id, id), eq(cvBatches.userId, userId)));
      const [view] = await batchViews(db, rows);
      if (!view) throw notFound("batch");
      // The detail view breaks the cost down by stage.
      return { ...view, cost: await costSummary(db, { batchId: id }) };
    };

    app.post(
      "/cv-batches",
      {
        schema: {
          tags: ["batches"],
          summary: "Create a batch, optionally linked to one of the caller's job descriptions",
          security,
          body: createBatchBody,
          response: { 201: batchSchema, ...protectedErrors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const body = request.body;
        await assertOwnJd(db, userId, body.job_description_id);
        const [row] = await db
          .insert(cvBatches)
          .values({
            userId,
            title: body.title,
            jobDescriptionId: body.job_description_id ?? null,
            department: body.department ?? null,
            location: body.location ?? null,
            priority: body.priority,
            shortlistThreshold: body.shortlist_threshold ?? null,
          })
          .returning({ id: cvBatches.id });
        return reply.code(201).send(await viewOf(userId, row!.id));
      },
    );

    app.get(
      "/cv-batches",
      {
        schema: {
          tags: ["batches"],
          summary: "The caller's batches, newest first",
          security,
          querystring: paginationQuery,
          response: { 200: paginated(batchSchema), 400: problemSchema, 401: problemSchema },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { page, page_size } = request.query;
        const [rows, [total]] = await Promise.all([
          selectBatches(db)
            .where(eq(cvBatches.userId, userId))
            .orderBy(desc(cvBatches.createdAt), desc(cvBatches.id))
            .limit(page_size)
            .offset((page - 1) * page_size),
          db.select({ n: count() }).from(cvBatches).where(eq(cvBatches.userId, userId)),
        ]);
        return { items: await batchViews(db, rows), total: total?.n ?? 0, page, page_size };
      },
    );

    app.get(
      "/cv-batches/:id",
      {
        schema: {
          tags: ["batches"],
          summary: "One batch with the number of CVs in each status",
          security,
          params: idParams,
          response: { 200: batchSchema, ...protectedErrors },
        },
      },
      async (request) => viewOf(userIdOf(request), request.params.id),
    );

    app.patch(
      "/cv-batches/:id",
      {
        schema: {
          tags: ["batches"],
          summary: "Edit a batch (e.g. link a job description, set the shortlist threshold)",
          security,
          params: idParams,
          body: patchBatchBody,
          response: { 200: batchSchema, ...protectedErrors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const { id } = request.params;
        const body = request.body;
        await assertOwnJd(db, userId, body.job_description_id);
        const updated = await db.transaction(async (tx) => {
          const rows = await tx
            .update(cvBatches)
            .set({
              title: body.title,
              jobDescriptionId: body.job_description_id,
              department: body.department,
              location: body.location,
              priority: body.priority,
              shortlistThreshold: body.shortlist_threshold,
              updatedAt: sql`now()`,
            })
            .where(and(eq(cvBatches.id, id), eq(cvBatches.userId, userId)))
            .returning({ id: cvBatches.id, threshold: cvBatches.shortlistThreshold });
          const row = rows[0];
          if (row && body.shortlist_threshold !== undefined) {
            // The shortlist follows the threshold at once, for CVs already matched.
            await tx
              .update(cvs)
              .set({
                shortlisted:
                  row.threshold === null
                    ? false
                    : sql`coalesce(${cvs.jdMatchScore} >= ${row.threshold}, false)`,
              })
              .where(and(eq(cvs.batchId, id), eq(cvs.status, "completed")));
          }
          return row;
        });
        if (!updated) throw notFound("batch");
        return viewOf(userId, id);
      },
    );

    app.delete(
      "/cv-batches/:id",
      {
        schema: {
          tags: ["batches"],
          summary: "Delete a batch with its CVs, their files and results",
          security,
          params: idParams,
          response: { 204: noContent, ...protectedErrors },
        },
      },
      async (request, reply) => {
        const userId = userIdOf(request);
        const { id } = request.params;
        const keys = await db.transaction(async (tx) => {
          const files = await tx
            .select({ key: cvs.storageKey })
            .from(cvs)
            .where(and(eq(cvs.batchId, id), eq(cvs.userId, userId)));
          const deleted = await tx
            .delete(cvBatches)
            .where(and(eq(cvBatches.id, id), eq(cvBatches.userId, userId)))
            .returning({ id: cvBatches.id });
          return deleted.length > 0 ? files.map((f) => f.key) : null;
        });
        if (!keys) throw notFound("batch");
        await deleteFiles(runtime.storage, keys, (key, err) =>
          request.log.warn({ err, key }, "could not delete a stored file"),
        );
        return reply.code(204).send();
      },
    );
  };
}

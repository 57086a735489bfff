// Job descriptions ("JD Builder"): the caller's JDs, structured requirements derived from the text
// unless the user set them.
import { and, count, desc, eq, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { jobDescriptions } from "../../db/schema.ts";
import type { JdRequirements } from "../../matching/jd-schema.ts";
import type { Runtime } from "../../runtime-types.ts";
import { notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import {
  idParams,
  noContent,
  paginated,
  paginationQuery,
  problemSchema,
  protectedErrors,
} from "../schemas/common.ts";
import { createJdBody, jdSchema, patchJdBody } from "../schemas/job-descriptions.ts";
import { buildRequirements, jdView, storedRequirements, userSetFields } from "../views/job-description.ts";

const security = [{ bearer: [] }];

export function jobDescriptionRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db } = runtime;
  return async (app) => {
    requireAuth(app, runtime);

    const findOwned = async (userId: string, id: string) => {
      const [row] = await db
        .select()
        .from(jobDescriptions)
        .where(and(eq(jobDescriptions.id, id), eq(jobDescriptions.userId, userId)));
      if (!row) throw notFound("job description");
      return row;
    };

    app.post(
      "/job-descriptions",
      {
        schema: {
          tags: ["job-descriptions"],
          summary: "Create a job description; requirements not given are derived from the text",
          security,
          body: createJdBody,
          response: { 201: jdSchema, 400: problemSchema, 401: problemSchema },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const user = userSetFields(body);
        const [row] = await db
          .insert(jobDescriptions)
          .values({
            userId: userIdOf(request),
            title: body.title,
            description: body.description,
            location: body.location ?? null,
            employmentType: body.employment_type ?? null,
            requirements: buildRequirements(body, user.values, user.fields),
            userFields: user.fields,
          })
          .returning();
        return reply.code(201).send(jdView(row!));
      },
    );

    app.get(
      "/job-descriptions",
      {
        schema: {
          tags: ["job-descriptions"],
          summary: "The caller's job descriptions, newest first",
          security,
          querystring: paginationQuery,
          response: { 200: paginated(jdSchema), 400: problemSchema, 401: problemSchema },
        },
      },
      async (request) => {
        const { page, page_size } = request.query;
        const userId = userIdOf(request);
        const [rows, [total]] = await Promise.all([
          db
            .select()
            .from(jobDescriptions)
            .where(eq(jobDescriptions.userId, userId))
            .orderBy(desc(jobDescriptions.createdAt), desc(jobDescriptions.id))
            .limit(page_size)
            .offset((page - 1) * page_size),
          db.select({ n: count() }).from(jobDescriptions).where(eq(jobDescriptions.userId, userId)),
        ]);
        return { items: rows.map(jdView), total: total?.n ?? 0, page, page_size };
      },
    );

    app.get(
      "/job-descriptions/:id",
      {
        schema: {
          tags: ["job-descriptions"],
          summary: "One job description with its structured requirements",
          security,
          params: idParams,
          response: { 200: jdSchema, ...protectedErrors },
        },
      },
      async (request) => jdView(await findOwned(userIdOf(request), request.params.id)),
    );

    app.patch(
      "/job-descriptions/:id",
      {
        schema: {
          tags: ["job-descriptions"],
          summary: "Edit a job description; edited requirement fields are kept over derivation",
          security,
          params: idParams,
          body: patchJdBody,
          response: { 200: jdSchema, ...protectedErrors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const row = await findOwned(userId, request.params.id);
        const body = request.body;
        const stored = storedRequirements(row);
        const edited = userSetFields(body);
        const reset = new Set<string>(body.reset_fields ?? []);
        const fields = [...new Set([...row.userFields, ...edited.fields])].filter((f) => !reset.has(f));
        const values: Partial<JdRequirements> = {};
        for (const f of fields) {
          const key = f as keyof JdRequirements;
          const value = key in edited.values ? edited.values[key] : stored[key];
          Object.assign(values, { [key]: value });
        }
        const text = { title: body.title ?? row.title, description: body.description ?? row.description };
        const [updated] = await db
          .update(jobDescriptions)
          .set({
            ...text,
            location: body.location === undefined ? row.location : body.location,
            employmentType: body.employment_type === undefined ? row.employmentType : body.employment_type,
            requirements: buildRequirements(text, values, fields),
            userFields: fields,
            updatedAt: sql`now()`,
          })
          .where(and(eq(jobDescriptions.id, row.id), eq(jobDescriptions.userId, userId)))
          .returning();
        if (!updated) throw notFound("job description");
        return jdView(updated);
      },
    );

    app.delete(
      "/job-descriptions/:id",
      {
        schema: {
          tags: ["job-descriptions"],
          summary: "Delete a job description (batches linked to it keep their CVs and lose the link)",
          security,
          params: idParams,
          response: { 204: noContent, ...protectedErrors },
        },
      },
      async (request, reply) => {
        const deleted = await db
          .delete(jobDescriptions)
          .where(
            and(eq(jobDescriptions.id, request.params.id), eq(jobDescriptions.userId, userIdOf(request))),
          )
          .returning({ id: jobDescriptions.id });
        if (deleted.length === 0) throw notFound("job description");
        return reply.code(204).send();
      },
    );
  };
}

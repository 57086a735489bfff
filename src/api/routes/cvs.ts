// CVs of the caller: one CV's results, its original file, its deletion; a batch's CVs and ranking.
import { type AnyColumn, and, asc, count, desc, eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Database } from "../../db/database.ts";
import { cvBatches, cvs } from "../../db/schema.ts";
import { costSummary } from "../../llm/usage.ts";
import { isShortlisted } from "../../matching/ranking.ts";
import { toJsonResume } from "../../parsing/json-resume.ts";
import { parsedCvSchema } from "../../parsing/schema.ts";
import type { Runtime } from "../../runtime-types.ts";
import { ApiProblem, notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { idParams, noContent, paginated, problemSchema, protectedErrors } from "../schemas/common.ts";
import {
  cvDetailSchema,
  cvListQuery,
  cvSummarySchema,
  jsonResumeSchema,
  rankingQuery,
  rankingSchema,
} from "../schemas/cvs.ts";
import { contentDisposition, cvDetailView, cvSummaryView } from "../views/cv.ts";
import { deleteFiles } from "./batches.ts";

const security = [{ bearer: [] }];
const candidateName = sql<string | null>`(${cvs.parsedData} ->> 'candidate_name')`;

async function ownedBatch(db: Database, userId: string, batchId: string) {
  const [batch] = await db
    .select({ id: cvBatches.id, jdId: cvBatches.jobDescriptionId, threshold: cvBatches.shortlistThreshold })
    .from(cvBatches)
    .where(and(eq(cvBatches.id, batchId), eq(cvBatches.userId, userId)));
  if (!batch) throw notFound("batch");
  return batch;
}

export async function ownedCv(db: Database, userId: string, cvId: string) {
  const [cv] = await db
    .select()
    .from(cvs)
    .where(and(eq(cvs.id, cvId), eq(cvs.userId, userId)));
  if (!cv) throw notFound("CV");
  return cv;
}

function listOrder(sort: "created_at" | "score" | "filename", order: "asc" | "desc" | undefined): SQL[] {
  const dir = order ?? (sort === "score" ? "desc" : "asc");
  const by = (column: AnyColumn | SQL) => (dir === "asc" ? asc(column) : desc(column));
  switch (sort) {
    case "score":
      // Unmatched CVs last whatever the direction.
      return [sql`${cvs.jdMatchScore} is null`, by(cvs.jdMatchScore), asc(cvs.createdAt), asc(cvs.id)];
    case "filename":
      return [by(cvs.filename), asc(cvs.id)];
    default:
      return [by(cvs.createdAt), asc(cvs.id)];
  }
}

export function cvRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db, storage } = runtime;
  return async (app) => {
    requireAuth(app, runtime);

    app.get(
      "/cvs/:id",
      {
        schema: {
          tags: ["cvs"],
          summary: "One CV: status, parsed data, match against the JD, GitHub analysis, cost",
          security,
          params: idParams,
          response: { 200: cvDetailSchema, ...protectedErrors },
        },
      },
      async (request) => {
        const cv = await ownedCv(db, userIdOf(request), request.params.id);
        const view = cvDetailView(cv, await costSummary(db, { cvId: cv.id }));
        if (view.warnings.length > cv.warnings.length)
          request.log.warn({ cvId: cv.id }, "stored result omitted");
        return view;
      },
    );

    app.get(
      "/cvs/:id/file",
      {
        schema: {
          tags: ["cvs"],
          summary: "The original file as uploaded",
          security,
          params: idParams,
          response: {
            200: z.any().describe("The file, with its detected content type").meta({ format: "binary" }),
            ...protectedErrors,
          },
        },
      },
      async (request, reply) => {
        const cv = await ownedCv(db, userIdOf(request), request.params.id);
        const stream = await storage.stream(cv.storageKey);
        return reply
          .header("content-type", cv.mimeType)
          .header("content-length", String(cv.sizeBytes))
          .header("content-disposition", contentDisposition(cv.filename))
          .header("x-content-type-options", "nosniff")
          .send(stream);
      },
    );

    app.get(
      "/cvs/:id/json-resume",
      {
        schema: {
          tags: ["cvs"],
          summary: "The parsed CV in the JSON Resume format",
          security,
          params: idParams,
          response: { 200: jsonResumeSchema, ...protectedErrors, 409: problemSchema },
        },
      },
      async (request) => {
        const cv = await ownedCv(db, userIdOf(request), request.params.id);
        const parsed = parsedCvSchema.safeParse(cv.parsedData);
        if (!parsed.success) throw new ApiProblem(409, "not-parsed", "the CV has not been parsed yet");
        return toJsonResume(parsed.data);
      },
    );

    app.delete(
      "/cvs/:id",
      {
        schema: {
          tags: ["cvs"],
          summary: "Erase a CV: its row, file, results, timings and usage records",
          security,
          params: idParams,
          response: { 204: noContent, ...protectedErrors },
        },
      },
      async (request, reply) => {
        const deleted = await db
          .delete(cvs)
          .where(and(eq(cvs.id, request.params.id), eq(cvs.userId, userIdOf(request))))
          .returning({ key: cvs.storageKey });
        if (deleted.length === 0) throw notFound("CV");
        await deleteFiles(
          storage,
          deleted.map((d) => d.key),
          (key, err) => request.log.warn({ err, key }, "could not delete a stored file"),
        );
        return reply.code(204).send();
      },
    );

    app.get(
      "/cv-batches/:id/cvs",
      {
        schema: {
          tags: ["cvs"],
          summary: "The CVs of a batch, filtered by status, sorted by upload time, score or name",
          security,
          params: idParams,
          querystring: cvListQuery,
          response: { 200: paginated(cvSummarySchema), ...protectedErrors },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const batch = await ownedBatch(db, userId, request.params.id);
        const { status, sort, order, page, page_size } = request.query;
        const where = and(eq(cvs.batchId, batch.id), status ? eq(cvs.status, status) : undefined);
        const [rows, [total]] = await Promise.all([
          db
            .select({ ...summaryColumns(), candidateName })
            .from(cvs)
            .where(where)
            .orderBy(...listOrder(sort, order))
            .limit(page_size)
            .offset((page - 1) * page_size),
          db.select({ n: count() }).from(cvs).where(where),
        ]);
        return { items: rows.map(cvSummaryView), total: total?.n ?? 0, page, page_size };
      },
    );

    app.get(
      "/cv-batches/:id/ranking",
      {
        schema: {
          tags: ["cvs"],
          summary: "The batch's CVs by match score, highest first, unmatched last, shortlist marked",
          security,
          params: idParams,
          querystring: rankingQuery,
          response: { 200: rankingSchema, ...protectedErrors, 400: problemSchema },
        },
      },
      async (request) => {
        const userId = userIdOf(request);
        const batch = await ownedBatch(db, userId, request.params.id);
        const { page, page_size, shortlisted_only } = request.query;
        const threshold = batch.threshold;
        const shortlistedSql =
          threshold === null ? sql`false` : sql`coalesce(${cvs.jdMatchScore} >= ${threshold}, false)`;
        const where = and(eq(cvs.batchId, batch.id), shortlisted_only ? shortlistedSql : undefined);
        // Same order as compareForRanking: score desc, unmatched last, earlier upload, then id.
        const [rows, [totals]] = await Promise.all([
          db
            .select({
              id: cvs.id,
              filename: cvs.filename,
              status: cvs.status,
              score: cvs.jdMatchScore,
              candidateName,
              decision: sql<string | null>`(${cvs.jdMatchData} -> 'recommendation' ->> 'decision')`,
            })
            .from(cvs)
            .where(where)
            .orderBy(sql`${cvs.jdMatchScore} desc nulls last`, asc(cvs.createdAt), asc(cvs.id))
            .limit(page_size)
            .offset((page - 1) * page_size),
          db
            .select({ n: count(), shortlisted: sql<number>`count(*) filter (where ${shortlistedSql})::int` })
            .from(cvs)
            .where(where),
        ]);
        const offset = (page - 1) * page_size;
        return {
          batch_id: batch.id,
          job_description_id: batch.jdId,
          shortlist_threshold: threshold,
          shortlisted_count: totals?.shortlisted ?? 0,
          items: rows.map((r, i) => ({
            rank: offset + i + 1,
            cv_id: r.id,
            filename: r.filename,
            candidate_name: r.candidateName,
            status: r.status,
            jd_match_score: r.score,
            recommendation: r.decision,
            shortlisted: threshold !== null && isShortlisted(r.score, threshold),
          })),
          total: totals?.n ?? 0,
          page,
          page_size,
        };
      },
    );
  };
}

function summaryColumns() {
  const { id, batchId, filename, mimeType, sizeBytes, status, stage, progress, error } = getTableColumns(cvs);
  const { jdMatchScore, shortlisted, createdAt, processedAt } = getTableColumns(cvs);
  return {
    id,
    batchId,
    filename,
    mimeType,
    sizeBytes,
    status,
    stage,
    progress,
    error,
    jdMatchScore,
    shortlisted,
    createdAt,
    processedAt,
  };
}

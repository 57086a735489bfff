// CVs: the full result of one CV, list entries, the ranking of a batch.
import { z } from "zod";
import { CV_STATUSES } from "../../db/schema.ts";
import { githubAnalysisSchema } from "../../github/schema.ts";
import { matchDataSchema } from "../../matching/match-schema.ts";
import { parsedCvSchema } from "../../parsing/schema.ts";
import { STAGES } from "../../progress/events.ts";
import { costSchema, timestamp, uuid } from "./common.ts";

export const cvStatus = z.enum(CV_STATUSES);

export const cvSummarySchema = z
  .object({
    id: uuid,
    batch_id: uuid,
    filename: z.string(),
    mime_type: z.string(),
    size_bytes: z.number().int(),
    status: cvStatus,
    stage: z.enum(STAGES).nullable(),
    progress: z.number().int(),
    error: z.string().nullable(),
    candidate_name: z.string().nullable(),
    jd_match_score: z.number().int().nullable(),
    shortlisted: z.boolean(),
    created_at: timestamp,
    processed_at: timestamp.nullable(),
  })
  .meta({ id: "CvSummary" });

export const cvDetailSchema = cvSummarySchema
  .omit({ candidate_name: true })
  .extend({
    warnings: z.array(z.string()),
    attempts: z.number().int(),
    jd_match_data: matchDataSchema.nullable(),
    parse_detail: parsedCvSchema.nullable(),
    github_analysis: githubAnalysisSchema.nullable(),
    cost: costSchema,
    processing_time_seconds: z.number().nullable(),
  })
  .meta({ id: "Cv" });

export const cvListQuery = z.object({
  status: cvStatus.optional(),
  sort: z.enum(["created_at", "score", "filename"]).default("created_at"),
  order: z.enum(["asc", "desc"]).optional().describe("Default: desc for score, asc otherwise"),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export const batchIdParams = z.object({ id: uuid });

export const rankingEntrySchema = z.object({
  rank: z.number().int().min(1),
  cv_id: uuid,
  filename: z.string(),
  candidate_name: z.string().nullable(),
  status: cvStatus,
  jd_match_score: z.number().int().nullable(),
  recommendation: z.string().nullable(),
  shortlisted: z.boolean(),
});

export const rankingSchema = z.object({
  batch_id: uuid,
  job_description_id: uuid.nullable(),
  shortlist_threshold: z.number().int().nullable(),
  shortlisted_count: z.number().int(),
  items: z.array(rankingEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  page_size: z.number().int(),
});

export const rankingQuery = z.object({
  shortlisted_only: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(500).default(100),
});

export const jsonResumeSchema = z
  .record(z.string(), z.unknown())
  .describe("The parsed CV in the JSON Resume format (https://jsonresume.org/schema)");

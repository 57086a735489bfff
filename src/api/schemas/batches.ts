// CV batches: a recruitment drive, optionally linked to a job description.
import { z } from "zod";
import { costSchema, timestamp, uuid } from "./common.ts";

const batchFields = {
  title: z.string().trim().min(1).max(300),
  job_description_id: uuid.nullable(),
  department: z.string().trim().max(200).nullable(),
  location: z.string().trim().max(300).nullable(),
  priority: z.number().int().min(-1000).max(1000).describe("Higher is processed first"),
  shortlist_threshold: z
    .number()
    .int()
    .min(0)
    .max(100)
    .nullable()
    .describe("CVs whose match score reaches it are shortlisted; null for no shortlist"),
};

export const createBatchBody = z.object({
  title: batchFields.title,
  job_description_id: batchFields.job_description_id.optional(),
  department: batchFields.department.optional(),
  location: batchFields.location.optional(),
  priority: batchFields.priority.default(0),
  shortlist_threshold: batchFields.shortlist_threshold.optional(),
});

export const patchBatchBody = z
  .object({
    title: batchFields.title.optional(),
    job_description_id: batchFields.job_description_id.optional(),
    department: batchFields.department.optional(),
    location: batchFields.location.optional(),
    priority: batchFields.priority.optional(),
    shortlist_threshold: batchFields.shortlist_threshold.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "nothing to update" });

export const statusCountsSchema = z.object({
  total: z.number().int(),
  uploaded: z.number().int(),
  queued: z.number().int(),
  processing: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
});

export const batchSchema = z
  .object({
    id: uuid,
    title: z.string(),
    job_description_id: uuid.nullable(),
    job_description_title: z.string().nullable(),
    department: z.string().nullable(),
    location: z.string().nullable(),
    priority: z.number().int(),
    shortlist_threshold: z.number().int().nullable(),
    status_counts: statusCountsSchema,
    cost: costSchema,
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "CvBatch" });

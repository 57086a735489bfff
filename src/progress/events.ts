// The two progress events of the design document, as zod schemas (for the OpenAPI document and
// for tests) with their TypeScript types derived from them.
import { z } from "zod";

export const STAGES = [
  "QUEUED",
  "DOWNLOADING",
  "EXTRACTING",
  "ANALYZING_STRUCTURE",
  "PARSING_WITH_AI",
  "MATCHING_JD",
  "ANALYZING_GITHUB",
  "FINALIZING",
  "COMPLETED",
  "FAILED",
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_PROGRESS: Record<Stage, number> = {
  QUEUED: 0,
  DOWNLOADING: 10,
  EXTRACTING: 20,
  ANALYZING_STRUCTURE: 30,
  PARSING_WITH_AI: 50,
  MATCHING_JD: 70,
  ANALYZING_GITHUB: 80,
  FINALIZING: 90,
  COMPLETED: 100,
  FAILED: 100,
};

export const STAGE_MESSAGES: Record<Stage, string> = {
  QUEUED: "Waiting in queue...",
  DOWNLOADING: "Downloading CV from storage...",
  EXTRACTING: "Extracting text...",
  ANALYZING_STRUCTURE: "Analyzing CV structure...",
  PARSING_WITH_AI: "Parsing CV...",
  MATCHING_JD: "Matching against job requirements...",
  ANALYZING_GITHUB: "Analyzing GitHub profile...",
  FINALIZING: "Finalizing results...",
  COMPLETED: "Processing completed",
  FAILED: "Processing failed",
};

export const cvProgressEventSchema = z.object({
  type: z.literal("cv_progress"),
  user_id: z.string().uuid(),
  cv_id: z.string().uuid(),
  batch_id: z.string().uuid(),
  progress: z.number().int().min(0).max(100),
  status: z.string(),
  stage: z.enum(STAGES),
  filename: z.string(),
  jd_title: z.string().nullable(),
  /** Present on FAILED. */
  error: z.string().nullable().optional(),
  /** Milliseconds since the epoch; events of one CV are published in order. */
  timestamp: z.number(),
});

export const queueDetailSchema = z.object({
  cv_id: z.string().uuid(),
  filename: z.string(),
  queue_position: z.number().int().min(1),
  estimated_wait_seconds: z.number(),
});

export const queueStatusSchema = z.object({
  batch_id: z.string().uuid(),
  total_cvs: z.number().int(),
  queued: z.number().int(),
  processing: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  percentage: z.number(),
  avg_processing_time_seconds: z.number(),
  estimated_time_seconds: z.number(),
  estimated_time_minutes: z.number(),
  queue_details: z.array(queueDetailSchema),
});

export const batchProgressEventSchema = queueStatusSchema.extend({
  type: z.literal("batch_progress"),
  user_id: z.string().uuid(),
  timestamp: z.number(),
});

export const progressEventSchema = z.discriminatedUnion("type", [
  cvProgressEventSchema,
  batchProgressEventSchema,
]);

export type CvProgressEvent = z.infer<typeof cvProgressEventSchema>;
export type BatchProgressEvent = z.infer<typeof batchProgressEventSchema>;
export type QueueStatus = z.infer<typeof queueStatusSchema>;
export type ProgressEvent = z.infer<typeof progressEventSchema>;

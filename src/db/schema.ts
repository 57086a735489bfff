// The one database schema. Migrations in ./migrations are generated from it (`npm run db:generate`)
// and run unchanged on PostgreSQL and PGlite.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const id = () => uuid("id").primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    name: text("name"),
    passwordHash: text("password_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name"),
    // First characters of the key, shown in listings so a user can tell keys apart.
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_key").on(t.keyHash), index("api_keys_user_id_idx").on(t.userId)],
);

export const jobDescriptions = pgTable(
  "job_descriptions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    location: text("location"),
    employmentType: text("employment_type"),
    // Structured requirements (see src/matching/jd-schema.ts): derived from the text, then edited.
    requirements: jsonb("requirements").notNull().default({}),
    // Requirement fields the user set explicitly; derivation never overwrites them.
    userFields: jsonb("user_fields").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("job_descriptions_user_id_idx").on(t.userId)],
);

export const cvBatches = pgTable(
  "cv_batches",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jobDescriptionId: uuid("job_description_id").references(() => jobDescriptions.id, {
      onDelete: "set null",
    }),
    title: text("title").notNull(),
    department: text("department"),
    location: text("location"),
    priority: integer("priority").notNull().default(0),
    shortlistThreshold: integer("shortlist_threshold"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cv_batches_user_id_idx").on(t.userId),
    index("cv_batches_job_description_id_idx").on(t.jobDescriptionId),
  ],
);

export const CV_STATUSES = ["uploaded", "queued", "processing", "completed", "failed"] as const;
export type CvStatus = (typeof CV_STATUSES)[number];

export const cvs = pgTable(
  "cvs",
  {
    id: id(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => cvBatches.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    storageKey: text("storage_key").notNull(),
    status: text("status").$type<CvStatus>().notNull().default("uploaded"),
    stage: text("stage"),
    progress: integer("progress").notNull().default(0),
    error: text("error"),
    // Set when matching or GitHub analysis failed but the CV still completed (spec: error rules).
    warnings: jsonb("warnings").$type<string[]>().notNull().default([]),
    attempts: integer("attempts").notNull().default(0),
    // Identifies the current processing run; a worker whose run was superseded writes nothing.
    runId: uuid("run_id"),
    extraction: jsonb("extraction"),
    parsedData: jsonb("parsed_data"),
    jdMatchScore: integer("jd_match_score"),
    jdMatchData: jsonb("jd_match_data"),
    githubAnalysis: jsonb("github_analysis"),
    shortlisted: boolean("shortlisted").notNull().default(false),
    createdAt: createdAt(),
    queuedAt: timestamp("queued_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cvs_batch_id_idx").on(t.batchId),
    index("cvs_status_idx").on(t.status),
    index("cvs_user_id_idx").on(t.userId),
    index("cvs_batch_status_queued_idx").on(t.batchId, t.status, t.queuedAt),
    uniqueIndex("cvs_batch_sha256_key").on(t.batchId, t.sha256),
  ],
);

export const cvStageTimings = pgTable(
  "cv_stage_timings",
  {
    cvId: uuid("cv_id")
      .notNull()
      .references(() => cvs.id, { onDelete: "cascade" }),
    stage: text("stage").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    durationMs: real("duration_ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cvId, t.stage] })],
);

export const llmUsage = pgTable(
  "llm_usage",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    cvId: uuid("cv_id").references(() => cvs.id, { onDelete: "cascade" }),
    jobDescriptionId: uuid("job_description_id").references(() => jobDescriptions.id, {
      onDelete: "set null",
    }),
    stage: text("stage").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    cachedInputTokens: integer("cached_input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costUsd: doublePrecision("cost_usd").notNull().default(0),
    latencyMs: real("latency_ms").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("llm_usage_cv_id_idx").on(t.cvId), index("llm_usage_user_id_idx").on(t.userId)],
);

export const githubCache = pgTable("github_cache", {
  username: text("username").primaryKey(),
  data: jsonb("data").notNull(),
  apiCalls: integer("api_calls").notNull().default(0),
  fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull(),
});

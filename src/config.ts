// The one place that reads the environment. Every setting has a default that works in embedded mode;
// a bad value stops the process at start with a message naming the variable.
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const configSchema = z.object({
  CVFLOW_MODE: z.enum(["embedded", "distributed"]).default("embedded"),
  HOST: z.string().default("0.0.0.0"),
  PORT: int(0, 65535).default(8000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATA_DIR: z.string().default("./data"),
  // Embedded: the PGlite data directory; "memory://" keeps it in memory (tests).
  PGLITE_DIR: z.string().optional(),
  // Tests: a tarball of a migrated database that each in-memory database starts from (no initdb).
  PGLITE_TEMPLATE: z.string().optional(),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z.string().default("cvflow"),
  STORAGE_DRIVER: z.enum(["local", "s3"]).optional(),
  STORAGE_DIR: z.string().optional(),
  S3_BUCKET: z.string().default("cvflow"),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.default(true),
  WORKER_CONCURRENCY: int(1, 1000).default(4),
  JOB_ATTEMPTS: int(1, 20).default(3),
  JOB_BACKOFF_MS: int(0, 3_600_000).default(2000),
  // A job whose worker stops renewing its lock for this long is taken over by another worker.
  JOB_LOCK_MS: int(1000, 3_600_000).default(30_000),
  JOB_STALLED_CHECK_MS: int(500, 3_600_000).default(15_000),
  // Distributed workers re-add jobs for CVs queued or processing without change for this long.
  RECOVER_AFTER_MS: int(10_000, 86_400_000).default(600_000),
  STAGE_TIMEOUT_MS: int(1000, 3_600_000).default(120_000),
  DEFAULT_CV_SECONDS: z.coerce.number().positive().default(40),
  BATCH_PROGRESS_INTERVAL_MS: int(0, 60_000).default(200),
  ENGINE: z.enum(["offline", "llm", "hybrid"]).default("offline"),
  LLM_PROVIDER: z.enum(["openai", "anthropic"]).default("openai"),
  LLM_MODEL: z.string().default("gpt-4o-mini"),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: int(1000, 600_000).default(60_000),
  LLM_MAX_RETRIES: int(0, 10).default(3),
  // JSON object: model -> USD per million tokens {input, cached_input, output}.
  LLM_PRICES: z.string().optional(),
  // Default: on when a token is configured. Without one GitHub allows 60 requests an hour (about
  // ten candidates), and an offline install should not call out unasked.
  GITHUB_ENABLED: bool.optional(),
  GITHUB_TOKEN: z.string().optional(),
  GITHUB_API_URL: z.string().url().default("https://api.github.com"),
  GITHUB_CACHE_TTL_SECONDS: int(0, 30 * 86_400).default(86_400),
  JWT_SECRET: z.string().min(16).optional(),
  ACCESS_TOKEN_TTL_SECONDS: int(60, 30 * 86_400).default(86_400),
  UPLOAD_MAX_FILES: int(1, 10_000).default(100),
  UPLOAD_MAX_FILE_BYTES: int(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  EXTRACT_MAX_PAGES: int(1, 10_000).default(50),
  EXTRACT_TIMEOUT_MS: int(500, 600_000).default(30_000),
  EXTRACT_MAX_UNZIPPED_BYTES: int(1024 * 1024, 4 * 1024 * 1024 * 1024).default(100 * 1024 * 1024),
  RATE_LIMIT_AUTH_PER_MINUTE: int(1, 100_000).default(20),
  RATE_LIMIT_UPLOAD_PER_MINUTE: int(1, 100_000).default(60),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config extends RawConfig {
  githubEnabled: boolean;
  storageDriver: "local" | "s3";
  storageDir: string;
  pgliteDir: string;
}

export class ConfigError extends Error {}

/** Validates an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in most .env files.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const raw = result.data;
  if (raw.CVFLOW_MODE === "distributed" && !raw.DATABASE_URL) {
    throw new ConfigError("Invalid configuration:\n  DATABASE_URL: required when CVFLOW_MODE=distributed");
  }
  if (raw.LLM_PRICES) {
    try {
      JSON.parse(raw.LLM_PRICES);
    } catch {
      throw new ConfigError("Invalid configuration:\n  LLM_PRICES: not valid JSON");
    }
  }
  const storageDriver = raw.STORAGE_DRIVER ?? (raw.CVFLOW_MODE === "distributed" ? "s3" : "local");
  return {
    ...raw,
    githubEnabled: raw.GITHUB_ENABLED ?? raw.GITHUB_TOKEN !== undefined,
    storageDriver,
    storageDir: raw.STORAGE_DIR ?? `${raw.DATA_DIR}/files`,
    pgliteDir: raw.PGLITE_DIR ?? `${raw.DATA_DIR}/pglite`,
  };
}

/** Reads process.env plus an optional .env file (process.env wins). */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

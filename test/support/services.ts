// Real PostgreSQL and Redis on loopback for distributed-mode tests. Each test file gets its own
// database and its own Redis key prefix, so files can run in parallel and leave nothing behind.
// When a service is unreachable the tests are skipped, unless CVFLOW_REQUIRE_SERVICES=true (set by
// CI), which turns that into a failure.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { type Config, parseConfig } from "../../src/config.ts";
import { openPostgres } from "../../src/db/postgres.ts";
import { PGLITE_TEMPLATE_ENV } from "./pglite-memory.ts";
import { startS3, type TestS3 } from "./s3-server.ts";

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const SERVICES_REQUIRED = process.env.CVFLOW_REQUIRE_SERVICES === "true";

async function reachable(check: () => Promise<void>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

/** True when PostgreSQL and Redis answer; throws instead of returning false when they are required. */
export async function distributedServicesAvailable(): Promise<boolean> {
  const pgOk = await reachable(async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    await client.connect();
    await client.end();
  });
  const redisOk = await reachable(async () => {
    const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      await redis.ping();
    } finally {
      redis.disconnect();
    }
  });
  if ((!pgOk || !redisOk) && SERVICES_REQUIRED) {
    throw new Error(
      `required test services unreachable: ${!pgOk ? `PostgreSQL (${POSTGRES_URL}) ` : ""}${!redisOk ? `Redis (${REDIS_URL})` : ""}`,
    );
  }
  return pgOk && redisOk;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cvflow_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Deletes every Redis key under a prefix (BullMQ queues and our channels). */
export async function clearRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = "0";
    for (let i = 0; i < 10_000; i++) {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === "0") break;
    }
  } finally {
    redis.disconnect();
  }
}

export interface ModeEnvironment {
  mode: "embedded" | "distributed";
  /** Environment for cvflow (also usable for child processes). */
  env: Record<string, string>;
  config(overrides?: Record<string, string>): Config;
  cleanup(): Promise<void>;
}

/** A clean environment for one test file in the given mode. */
export async function createModeEnvironment(
  mode: "embedded" | "distributed",
  overrides: Record<string, string> = {},
  /** Starts the S3 server of distributed mode (in this process unless told otherwise). */
  s3Server: () => Promise<TestS3> = startS3,
): Promise<ModeEnvironment> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "cvflow-test-"));
  const base: Record<string, string> = {
    LOG_LEVEL: "silent",
    DATA_DIR: dataDir,
    JWT_SECRET: "test-secret-test-secret-test-secret",
    GITHUB_ENABLED: "false",
    JOB_BACKOFF_MS: "50",
    BATCH_PROGRESS_INTERVAL_MS: "50",
  };
  let db: TestDatabase | null = null;
  let s3: TestS3 | null = null;
  let prefix = "";
  if (mode === "embedded") {
    base.CVFLOW_MODE = "embedded";
    base.PGLITE_DIR = "memory://";
    const template = process.env[PGLITE_TEMPLATE_ENV];
    if (template) base.PGLITE_TEMPLATE = template;
  } else {
    db = await createTestDatabase();
    // Two connections: migrate() holds one for its advisory lock while the migrator needs another.
    const handle = await openPostgres(db.url, 1);
    await handle.migrate();
    await handle.close();
    s3 = await s3Server();
    prefix = `cvflow-test-${randomBytes(4).toString("hex")}`;
    Object.assign(base, {
      CVFLOW_MODE: "distributed",
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      STORAGE_DRIVER: "s3",
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: "cvflow-test",
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
  }
  const env = { ...base, ...overrides };
  return {
    mode,
    env,
    config: (more = {}) => parseConfig({ ...env, ...more }),
    async cleanup() {
      if (prefix) await clearRedisPrefix(prefix);
      await s3?.close();
      await db?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// When the stored bytes get no database row (an insert that fails for any reason but a duplicate),
// the upload paths delete the stored object and surface the database's error. Real databases and
// real storage: PGlite with files on disk, PostgreSQL with S3 (s3rver).
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "../../src/adapters/local-storage.ts";
import { acceptFile } from "../../src/api/upload/accept-file.ts";
import { receiveFile } from "../../src/api/upload/receive-file.ts";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { openPostgres } from "../../src/db/postgres.ts";
import { storageKeyFor, storeCvFile } from "../../src/intake/store-cv-file.ts";
import { type Storage, StorageNotFoundError } from "../../src/ports.ts";
import { createBatch, createUser } from "../support/db-fixtures.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";
import { s3StorageOn, startS3, type TestS3 } from "../support/s3-server.ts";
import { createTestDatabase, distributedServicesAvailable, type TestDatabase } from "../support/services.ts";

const pgOk = await distributedServicesAvailable();

const CV = Buffer.from(
  "Jane Doe\nSenior Python Developer\njane@example.com\n\nExperience\nAcme, 2019-2024\n",
);

/** The database error, wherever the driver or drizzle nests it. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(" / ");
}

describe.each([
  ["PGlite and local disk", true],
  ["PostgreSQL and S3", pgOk],
] as const)("a failed CV insert leaves no stored file (%s)", (kind, available) => {
  let handle: DatabaseHandle;
  let testDb: TestDatabase | null = null;
  let s3: TestS3 | null = null;
  let dir: string;
  let storage: Storage;

  beforeAll(async () => {
    if (!available) return;
    dir = await mkdtemp(path.join(tmpdir(), "cvflow-orphans-"));
    if (kind === "PGlite and local disk") {
      handle = await openMemoryPglite();
      storage = createLocalStorage(dir);
    } else {
      testDb = await createTestDatabase();
      handle = await openPostgres(testDb.url, 2);
      s3 = await startS3();
      storage = await s3StorageOn(s3, "cvflow-orphans-test");
    }
    await handle.migrate();
  });
  afterAll(async () => {
    await storage?.close();
    await s3?.close();
    await handle?.close();
    await testDb?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.runIf(available)("storeCvFile (CLI, pipeline tests)", async () => {
    const userId = await createUser(handle.db);
    // The key is chosen inside storeCvFile: note every key written, passing the writes through.
    const written: string[] = [];
    const noting: Storage = {
      ...storage,
      put: (key, body, type) => {
        written.push(key);
        return storage.put(key, body, type);
      },
    };
    const deps = { db: handle.db, storage: noting, maxFileBytes: 1_000_000 };

    // A batch that does not exist: the row breaks its foreign key after the bytes are stored.
    const error = await storeCvFile(deps, {
      userId,
      batchId: randomUUID(),
      filename: "cv.txt",
      bytes: CV,
    }).catch((e: unknown) => e);
    expect(messages(error)).toMatch(/foreign key/i);
    expect(written).toHaveLength(1);
    await expect(storage.get(written[0]!)).rejects.toBeInstanceOf(StorageNotFoundError);

    // The same call with a real batch keeps its file.
    const batchId = await createBatch(handle.db, userId, null);
    const stored = await storeCvFile(deps, { userId, batchId, filename: "cv.txt", bytes: CV });
    expect(stored.status).toBe("stored");
    expect((await storage.get(written[1]!)).equals(CV)).toBe(true);
  });

  it.runIf(available)("acceptFile (the upload route)", async () => {
    const userId = await createUser(handle.db);
    const batchId = randomUUID();
    const id = randomUUID();
    const key = storageKeyFor(userId, batchId, id);
    const received = await receiveFile(Readable.from([CV]), { storage, key, filename: "cv.txt" });
    expect(received.stored).toBe(true);
    expect((await storage.get(key)).equals(CV)).toBe(true);

    const error = await acceptFile(
      { db: handle.db, storage, maxFileBytes: 1_000_000 },
      { id, userId, batchId, filename: "cv.txt", key, truncated: false, received },
    ).catch((e: unknown) => e);
    expect(messages(error)).toMatch(/foreign key/i);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageNotFoundError);
  });
});

// One contract, two adapters: local disk and a real S3-compatible server (s3rver) on loopback.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalStorage } from "../../src/adapters/local-storage.ts";
import type { Storage } from "../../src/ports.ts";
import { StorageNotFoundError } from "../../src/ports.ts";
import { s3StorageOn, startS3, type TestS3 } from "../support/s3-server.ts";

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe.each(["local", "s3"] as const)("%s storage", (kind) => {
  let storage: Storage;
  let dir: string;
  let s3: TestS3 | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "cvflow-storage-"));
    if (kind === "local") {
      storage = createLocalStorage(dir);
    } else {
      s3 = await startS3();
      storage = await s3StorageOn(s3, "cvflow-storage-test");
    }
  });
  afterAll(async () => {
    await storage?.close();
    await s3?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores, reads back, streams and deletes a file", async () => {
    const bytes = Buffer.from("%PDF-1.7 fake but byte-exact \u00e9\u00e8");
    await storage.put("u1/b1/cv1", bytes, "application/pdf");
    expect((await storage.get("u1/b1/cv1")).equals(bytes)).toBe(true);
    expect((await readAll(await storage.stream("u1/b1/cv1"))).equals(bytes)).toBe(true);
    await storage.delete("u1/b1/cv1");
    await expect(storage.get("u1/b1/cv1")).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("accepts a stream of unknown length larger than one multipart part", async () => {
    const size = 6 * 1024 * 1024 + 123;
    const chunk = Buffer.alloc(64 * 1024, 7);
    const stream = Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += chunk.length)
          yield chunk.subarray(0, Math.min(chunk.length, size - sent));
      })(),
    );
    await storage.put("big/file", stream, "application/octet-stream");
    const back = await storage.get("big/file");
    expect(back.length).toBe(size);
    await storage.delete("big/file");
  });

  it("reports a missing file as not found and answers ping", async () => {
    await expect(storage.stream("nope/none")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.ping()).resolves.toBeUndefined();
    await expect(storage.delete("nope/none")).resolves.toBeUndefined();
  });
});

it("local storage refuses keys that escape its root", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "cvflow-storage-"));
  const storage = createLocalStorage(dir);
  await expect(storage.put("../escape", Buffer.from("x"), "text/plain")).rejects.toThrow(
    /invalid storage key/,
  );
  await rm(dir, { recursive: true, force: true });
});

// Streams one uploaded file into storage while hashing it, keeping only its first and last bytes
// for type detection. A file the first bytes already rule out is read to the end (the multipart
// stream must be consumed) but never stored.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import type { Storage } from "../../ports.ts";
import { rejectedByHead } from "./sniff-upload.ts";

export const HEAD_BYTES = 64 * 1024;
export const TAIL_BYTES = 128 * 1024;

export interface ReceivedFile {
  size: number;
  sha256: string;
  head: Buffer;
  tail: Buffer;
  /** True when the file was written to storage under the given key (the caller decides to keep it). */
  stored: boolean;
}

/** Keeps the last `limit` bytes of a stream without copying on every chunk. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private length = 0;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.chunks.length > 1 && this.length - this.chunks[0]!.length >= this.limit) {
      this.length -= this.chunks.shift()!.length;
    }
  }
  bytes(): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.limit));
  }
}

export async function receiveFile(
  file: Readable,
  target: { storage: Storage; key: string; filename: string },
): Promise<ReceivedFile> {
  const hash = createHash("sha256");
  const tail = new TailBuffer(TAIL_BYTES);
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let body: PassThrough | null = null;
  let put: Promise<void> | null = null;
  let skip = false;

  const startPut = (head: Buffer) => {
    body = new PassThrough();
    // The content type in storage is informative only; the database row holds the sniffed one.
    put = target.storage.put(target.key, body, "application/octet-stream");
    // Keep a storage failure from being an unhandled rejection while the stream is still flowing.
    put.catch(() => {});
    body.write(head);
  };

  try {
    for await (const raw of file) {
      const chunk = raw as Buffer;
      size += chunk.length;
      hash.update(chunk);
      tail.push(chunk);
      if (skip) continue;
      if (body === null) {
        headChunks.push(chunk);
        headLength += chunk.length;
        if (headLength < HEAD_BYTES) continue;
        const head = Buffer.concat(headChunks);
        if (rejectedByHead(head.subarray(0, HEAD_BYTES), target.filename)) skip = true;
        else startPut(head);
        continue;
      }
      const out = body as PassThrough;
      if (!out.write(chunk)) {
        // Back-pressure from storage; a failed upload must not leave this waiting for 'drain' forever.
        await Promise.race([once(out, "drain"), put!.then(() => undefined)]);
      }
    }
  } catch (error) {
    // The client went away mid-file: abort the storage write so no partial file is left.
    (body as PassThrough | null)?.destroy(error as Error);
    await (put as Promise<void> | null)?.catch(() => {});
    throw error;
  }

  const head = Buffer.concat(headChunks).subarray(0, HEAD_BYTES);
  let stored = body !== null;
  if (body !== null) {
    (body as PassThrough).end();
    await put;
  } else if (!skip && size > 0 && !rejectedByHead(head, target.filename)) {
    // The whole file fitted in the head: store it in one piece.
    await target.storage.put(target.key, Buffer.concat(headChunks), "application/octet-stream");
    stored = true;
  }
  return {
    size,
    sha256: hash.digest("hex"),
    head,
    tail: tail.bytes(),
    stored,
  };
}

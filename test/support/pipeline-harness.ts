// Shared steps of the pipeline tests: uploaded CVs, waiting for a batch, and the events.
export { createBatch, createJd, createUser } from "./db-fixtures.ts";

import { eq } from "drizzle-orm";
import type { Database } from "../../src/db/database.ts";
import { cvs } from "../../src/db/schema.ts";
import { storeCvFile } from "../../src/intake/store-cv-file.ts";
import type { ProgressEvent } from "../../src/progress/events.ts";
import type { Runtime } from "../../src/runtime-types.ts";

export async function upload(
  runtime: Runtime,
  userId: string,
  batchId: string,
  files: Array<{ filename: string; bytes: Uint8Array }>,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const outcome = await storeCvFile(
      { db: runtime.db, storage: runtime.storage, maxFileBytes: runtime.config.UPLOAD_MAX_FILE_BYTES },
      { userId, batchId, ...file },
    );
    if (outcome.status !== "stored")
      throw new Error(`${file.filename} not stored: ${JSON.stringify(outcome)}`);
    ids.push(outcome.id);
  }
  return ids;
}

/** Collects a user's events until the returned stop() is called. */
export async function recordEvents(runtime: Runtime, userId: string) {
  const events: ProgressEvent[] = [];
  const unsubscribe = await runtime.events.subscribe(userId, (e) => events.push(e));
  return { events, stop: unsubscribe };
}

/** Polls until every CV of the batch is completed or failed (bounded). */
export async function waitForBatch(db: Database, batchId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const rows = await db.select().from(cvs).where(eq(cvs.batchId, batchId));
    if (rows.length > 0 && rows.every((r) => r.status === "completed" || r.status === "failed")) return rows;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rows = await db
    .select({ status: cvs.status, stage: cvs.stage })
    .from(cvs)
    .where(eq(cvs.batchId, batchId));
  throw new Error(`batch ${batchId} did not finish in time: ${JSON.stringify(rows)}`);
}

/** Waits until a condition on the collected events holds (bounded). */
export async function waitForEvents(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("expected events did not arrive in time");
}

export function stagesOf(events: ProgressEvent[], cvId: string) {
  return events.flatMap((e) =>
    e.type === "cv_progress" && e.cv_id === cvId ? [[e.stage, e.progress] as const] : [],
  );
}

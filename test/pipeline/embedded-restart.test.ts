// Embedded start-up after the process died: CVs it left in processing go back to the queue, except
// those already started JOB_ATTEMPTS times. Each of those starts ended with the process dying, so
// the CV is the likely cause (a native crash or an out-of-memory kill); it fails instead of taking
// the service down at every start.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, expect, it } from "vitest";
import { cvs } from "../../src/db/schema.ts";
import { createRuntime } from "../../src/runtime.ts";
import { createBatch, createUser, upload, waitForBatch } from "../support/pipeline-harness.ts";
import { createModeEnvironment } from "../support/services.ts";

const env = await createModeEnvironment("embedded", { PGLITE_DIR: "", JOB_ATTEMPTS: "3" });
afterAll(() => env.cleanup());

it("re-queues the CVs a dead process left in processing, and fails those on their last attempt", async () => {
  const first = await createRuntime(env.config());
  const userId = await createUser(first.db);
  const batchId = await createBatch(first.db, userId, null);
  const cv = (name: string) => ({
    filename: `${name}.txt`,
    bytes: Buffer.from(`${name}\n${name.toLowerCase()}@example.com\n\nSkills\nPython, SQL\n`),
  });
  const [interrupted, crashing] = await upload(first, userId, batchId, [cv("Ada Lovelace"), cv("Bad File")]);
  // As the process left them when it died: started once, and started for the third time.
  for (const [id, attempts] of [
    [interrupted!, 1],
    [crashing!, 3],
  ] as const) {
    await first.db
      .update(cvs)
      .set({ status: "processing", stage: "EXTRACTING", progress: 20, attempts, runId: randomUUID() })
      .where(eq(cvs.id, id));
  }
  await first.close();

  const second = await createRuntime(env.config());
  try {
    const rows = await waitForBatch(second.db, batchId, 60_000);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(interrupted!)).toMatchObject({ status: "completed", attempts: 2 });
    expect(byId.get(crashing!)).toMatchObject({ status: "failed", stage: "FAILED", attempts: 3 });
    expect(byId.get(crashing!)?.error).toBe(
      "processing stopped 3 times with the process (a crash or a kill) while on this CV; it is not retried automatically",
    );
  } finally {
    await second.close();
  }
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvs } from "../../src/db/schema.ts";
import { queueStatusSchema } from "../../src/progress/events.ts";
import {
  type Account,
  API,
  type ApiHarness,
  as,
  MODES,
  multipart,
  register,
  startApi,
} from "../support/api-harness.ts";

// Role "api": no workers in this process, so queued CVs stay queued and the counts are exact.
describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  let req: ReturnType<typeof as>;
  beforeAll(async () => {
    h = await startApi({ mode, role: "api" });
    acct = await register(h.app, "proc");
    req = as(h.app, acct);
  });
  afterAll(() => h?.close());

  async function batchOf(n: number) {
    const batchId = (await req({ method: "POST", url: `${API}/cv-batches`, payload: { title: "P" } })).json()
      .id as string;
    const files = Array.from({ length: n }, (_, i) => ({
      filename: `p${i}.txt`,
      bytes: `CV ${batchId} ${i}`,
    }));
    const up = await req({ method: "POST", url: `${API}/cv-batches/${batchId}/upload`, ...multipart(files) });
    return { batchId, ids: up.json().uploaded.map((u: { id: string }) => u.id) as string[] };
  }

  const DOCUMENTED = [
    "batch_id",
    "total_cvs",
    "queued",
    "processing",
    "completed",
    "failed",
    "percentage",
    "avg_processing_time_seconds",
    "estimated_time_seconds",
    "estimated_time_minutes",
    "queue_details",
  ];

  describe("processing", () => {
    it("queues a batch (202) and reports exactly the documented queue-status fields", async () => {
      const { batchId, ids } = await batchOf(3);
      const res = await req({ method: "POST", url: `${API}/cv-processing/batch/${batchId}/process` });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ batch_id: batchId, queued: 3 });

      const again = await req({ method: "POST", url: `${API}/cv-processing/batch/${batchId}/process` });
      expect(again.json()).toEqual({ batch_id: batchId, queued: 0 });

      const status = await req({ method: "GET", url: `${API}/cv-processing/batch/${batchId}/queue-status` });
      expect(status.statusCode).toBe(200);
      const body = status.json();
      expect(Object.keys(body).sort()).toEqual([...DOCUMENTED].sort());
      expect(queueStatusSchema.parse(body)).toEqual(body);
      expect(body).toMatchObject({
        batch_id: batchId,
        total_cvs: 3,
        queued: 3,
        processing: 0,
        completed: 0,
        failed: 0,
      });
      expect(body.queue_details.map((d: { cv_id: string }) => d.cv_id).sort()).toEqual([...ids].sort());
      expect(body.queue_details.map((d: { queue_position: number }) => d.queue_position)).toEqual([1, 2, 3]);
    });

    it("lists queue positions in the order the CVs were put in the queue", async () => {
      const { batchId } = await batchOf(12);
      const enqueued: string[] = [];
      const queue = h.runtime.queue;
      const enqueue = queue.enqueue.bind(queue);
      queue.enqueue = async (jobs, options) => {
        enqueued.push(...jobs.map((j) => j.cvId));
        return enqueue(jobs, options);
      };
      try {
        await req({ method: "POST", url: `${API}/cv-processing/batch/${batchId}/process` });
      } finally {
        queue.enqueue = enqueue;
      }
      const body = (
        await req({ method: "GET", url: `${API}/cv-processing/batch/${batchId}/queue-status` })
      ).json();
      expect(body.queue_details.map((d: { cv_id: string }) => d.cv_id)).toEqual(enqueued);
    });

    it("retries one CV (202), resetting its results", async () => {
      const { ids } = await batchOf(1);
      await h.runtime.db
        .update(cvs)
        .set({ status: "failed", error: "boom", progress: 100 })
        .where(eq(cvs.id, ids[0]!));
      const res = await req({ method: "POST", url: `${API}/cv-processing/cv/${ids[0]}/retry` });
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({ cv_id: ids[0], status: "queued" });
      const cv = (await req({ method: "GET", url: `${API}/cvs/${ids[0]}` })).json();
      expect(cv).toMatchObject({ status: "queued", stage: "QUEUED", progress: 0, error: null });
    });

    it("answers 404 for unknown batches and CVs and 400 for malformed ids", async () => {
      const unknown = crypto.randomUUID();
      for (const [method, url] of [
        ["POST", `/cv-processing/batch/${unknown}/process`],
        ["POST", `/cv-processing/cv/${unknown}/retry`],
        ["GET", `/cv-processing/batch/${unknown}/queue-status`],
      ] as const) {
        expect((await req({ method, url: `${API}${url}` })).statusCode, url).toBe(404);
      }
      expect((await req({ method: "POST", url: `${API}/cv-processing/batch/123/process` })).statusCode).toBe(
        400,
      );
    });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvs } from "../../src/db/schema.ts";
import { StorageNotFoundError } from "../../src/ports.ts";
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
import { completeCv } from "./helpers.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  let req: ReturnType<typeof as>;
  beforeAll(async () => {
    h = await startApi({ mode });
    acct = await register(h.app, "batch");
    req = as(h.app, acct);
  });
  afterAll(() => h?.close());

  const createJd = async (r = req) =>
    (
      await r({
        method: "POST",
        url: `${API}/job-descriptions`,
        payload: { title: "Python Developer", description: "Python" },
      })
    ).json().id as string;

  async function uploadTexts(batchId: string, n: number) {
    const files = Array.from({ length: n }, (_, i) => ({
      filename: `cv${i}.txt`,
      bytes: `CV ${batchId} ${i}`,
    }));
    const res = await req({
      method: "POST",
      url: `${API}/cv-batches/${batchId}/upload`,
      ...multipart(files),
    });
    expect(res.statusCode).toBe(201);
    return res.json().uploaded.map((u: { id: string }) => u.id) as string[];
  }

  describe("batches", () => {
    it("creates a batch linked to the caller's JD and reads it with status counts", async () => {
      const jdId = await createJd();
      const res = await req({
        method: "POST",
        url: `${API}/cv-batches`,
        payload: {
          title: "Senior Python - Dec",
          job_description_id: jdId,
          department: "Engineering",
          location: "Remote",
          priority: 5,
        },
      });
      expect(res.statusCode).toBe(201);
      const batch = res.json();
      expect(batch).toMatchObject({
        title: "Senior Python - Dec",
        job_description_id: jdId,
        job_description_title: "Python Developer",
        department: "Engineering",
        location: "Remote",
        priority: 5,
        shortlist_threshold: null,
        status_counts: { total: 0, uploaded: 0, queued: 0, processing: 0, completed: 0, failed: 0 },
      });
      const ids = await uploadTexts(batch.id, 3);
      await completeCv(h.runtime.db, ids[0]!, { name: "A", score: 70 });
      const got = await req({ method: "GET", url: `${API}/cv-batches/${batch.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.json().status_counts).toEqual({
        total: 3,
        uploaded: 2,
        queued: 0,
        processing: 0,
        completed: 1,
        failed: 0,
      });
      expect(got.json().cost).toMatchObject({ total_cost_usd: 0, calls: 0 });
    });

    it("refuses a JD that does not exist or is another account's, the same way", async () => {
      const other = await register(h.app, "other");
      const foreignJd = await createJd(as(h.app, other));
      for (const jdId of [foreignJd, crypto.randomUUID()]) {
        const res = await req({
          method: "POST",
          url: `${API}/cv-batches`,
          payload: { title: "x", job_description_id: jdId },
        });
        expect(res.statusCode).toBe(404);
        expect(res.json().detail).toBe("job description not found");
      }
    });

    it("lists the caller's batches, paginated, newest first", async () => {
      const mine = await register(h.app, "lister");
      const r = as(h.app, mine);
      const ids = [];
      for (let i = 0; i < 3; i++)
        ids.push(
          (await r({ method: "POST", url: `${API}/cv-batches`, payload: { title: `B${i}` } })).json().id,
        );
      const page = await r({ method: "GET", url: `${API}/cv-batches?page=1&page_size=2` });
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ total: 3, page: 1, page_size: 2 });
      expect(page.json().items.map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1]]);
      const last = await r({ method: "GET", url: `${API}/cv-batches?page=2&page_size=2` });
      expect(last.json().items.map((b: { id: string }) => b.id)).toEqual([ids[0]]);
      expect((await r({ method: "GET", url: `${API}/cv-batches?page_size=1000` })).statusCode).toBe(400);
    });

    it("links a JD and sets the shortlist threshold, re-marking matched CVs", async () => {
      const batchId = (
        await req({ method: "POST", url: `${API}/cv-batches`, payload: { title: "T" } })
      ).json().id;
      const ids = await uploadTexts(batchId, 3);
      await completeCv(h.runtime.db, ids[0]!, { name: "High", score: 90 });
      await completeCv(h.runtime.db, ids[1]!, { name: "Low", score: 40 });
      const jdId = await createJd();
      const res = await req({
        method: "PATCH",
        url: `${API}/cv-batches/${batchId}`,
        payload: { job_description_id: jdId, shortlist_threshold: 75 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ job_description_id: jdId, shortlist_threshold: 75, title: "T" });
      const rows = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
      const shortlisted = Object.fromEntries(rows.map((r) => [r.id, r.shortlisted]));
      expect(shortlisted).toEqual({ [ids[0]!]: true, [ids[1]!]: false, [ids[2]!]: false });

      const cleared = await req({
        method: "PATCH",
        url: `${API}/cv-batches/${batchId}`,
        payload: { shortlist_threshold: null, job_description_id: null },
      });
      expect(cleared.json()).toMatchObject({ shortlist_threshold: null, job_description_id: null });
      const after = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
      expect(after.every((r) => !r.shortlisted)).toBe(true);

      const bad = await req({
        method: "PATCH",
        url: `${API}/cv-batches/${batchId}`,
        payload: { shortlist_threshold: 101 },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe("body.shortlist_threshold");
    });

    it("deletes a batch with its CVs and their files", async () => {
      const batchId = (
        await req({ method: "POST", url: `${API}/cv-batches`, payload: { title: "Doomed" } })
      ).json().id;
      const ids = await uploadTexts(batchId, 2);
      const rows = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
      const res = await req({ method: "DELETE", url: `${API}/cv-batches/${batchId}` });
      expect(res.statusCode).toBe(204);
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(0);
      for (const row of rows) {
        await expect(h.runtime.storage.get(row.storageKey)).rejects.toBeInstanceOf(StorageNotFoundError);
      }
      expect((await req({ method: "GET", url: `${API}/cvs/${ids[0]}` })).statusCode).toBe(404);
      expect((await req({ method: "GET", url: `${API}/cv-batches/${batchId}` })).statusCode).toBe(404);
      expect((await req({ method: "DELETE", url: `${API}/cv-batches/${batchId}` })).statusCode).toBe(404);
    });
  });
});

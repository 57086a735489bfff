import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvs, llmUsage } from "../../src/db/schema.ts";
import { compareForRanking } from "../../src/matching/ranking.ts";
import { failRun } from "../../src/pipeline/cv-store.ts";
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
import { cvPdf, profile } from "../support/cv-fixtures.ts";
import { completeCv } from "./helpers.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  let req: ReturnType<typeof as>;
  beforeAll(async () => {
    h = await startApi({ mode });
    acct = await register(h.app, "cvs");
    req = as(h.app, acct);
  });
  afterAll(() => h?.close());

  async function batchWith(files: Parameters<typeof multipart>[0], payload: Record<string, unknown> = {}) {
    const batchId = (
      await req({ method: "POST", url: `${API}/cv-batches`, payload: { title: "CVs", ...payload } })
    ).json().id as string;
    const res = await req({
      method: "POST",
      url: `${API}/cv-batches/${batchId}/upload`,
      ...multipart(files),
    });
    expect(res.statusCode).toBe(201);
    return { batchId, ids: res.json().uploaded.map((u: { id: string }) => u.id) as string[] };
  }

  const texts = (n: number, tag: string) =>
    Array.from({ length: n }, (_, i) => ({ filename: `${tag}-${i}.txt`, bytes: `CV ${tag} ${i}` }));

  describe("CV detail", () => {
    it("answers every documented field, with results and cost", async () => {
      const { ids } = await batchWith(texts(1, "detail"));
      const id = ids[0]!;
      const fresh = await req({ method: "GET", url: `${API}/cvs/${id}` });
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json()).toMatchObject({
        id,
        status: "uploaded",
        stage: null,
        progress: 0,
        parse_detail: null,
      });

      await completeCv(h.runtime.db, id, { name: "John Doe", score: 85, seconds: 43.2 });
      await h.runtime.db.insert(llmUsage).values({
        userId: acct.id,
        cvId: id,
        stage: "PARSING_WITH_AI",
        provider: "openai",
        model: "gpt-4o-mini",
        inputTokens: 1000,
        outputTokens: 200,
        costUsd: 0.00027,
      });
      const res = await req({ method: "GET", url: `${API}/cvs/${id}` });
      expect(res.statusCode).toBe(200);
      const cv = res.json();
      for (const field of [
        "id",
        "filename",
        "status",
        "stage",
        "progress",
        "error",
        "warnings",
        "jd_match_score",
        "jd_match_data",
        "parse_detail",
        "github_analysis",
        "shortlisted",
        "cost",
        "processing_time_seconds",
        "created_at",
        "processed_at",
      ]) {
        expect(cv, field).toHaveProperty(field);
      }
      expect(cv).toMatchObject({
        status: "completed",
        stage: "COMPLETED",
        progress: 100,
        jd_match_score: 85,
        jd_match_data: { overall_match_score: 85, recommendation: { decision: expect.any(String) } },
        parse_detail: { candidate_name: "John Doe", total_experience_years: 6 },
        github_analysis: null,
        processing_time_seconds: 43.2,
        cost: {
          input_tokens: 1000,
          output_tokens: 200,
          calls: 1,
          by_stage: { PARSING_WITH_AI: { calls: 1 } },
        },
      });
      expect(cv.cost.total_cost_usd).toBeCloseTo(0.00027, 8);
    });

    it("a failed CV reports the time it actually spent, and null when it never started", async () => {
      const { ids } = await batchWith(texts(2, "failed"));
      const [fast, abandoned] = ids as [string, string];
      // Failed 43 ms after it started (an unreadable file fails about that fast).
      await h.runtime.db
        .update(cvs)
        .set({
          status: "failed",
          stage: "FAILED",
          progress: 100,
          error: "file is corrupt",
          startedAt: sql`now() - make_interval(secs => 0.043)`,
          processedAt: sql`now()`,
        })
        .where(eq(cvs.id, fast));
      expect((await req({ method: "GET", url: `${API}/cvs/${fast}` })).json()).toMatchObject({
        status: "failed",
        processing_time_seconds: 0.043,
      });
      // Failed while still queued (its job abandoned): failRun stamps processed_at, never started_at.
      const [row] = await h.runtime.db
        .update(cvs)
        .set({ status: "queued", runId: sql`gen_random_uuid()` })
        .where(eq(cvs.id, abandoned))
        .returning({ runId: cvs.runId });
      expect(await failRun(h.runtime.db, abandoned, row!.runId!, "processing was abandoned")).toBe(true);
      const res = (await req({ method: "GET", url: `${API}/cvs/${abandoned}` })).json();
      expect(res).toMatchObject({ status: "failed", processing_time_seconds: null });
      expect(res.processed_at).toEqual(expect.any(String));
    });

    it("omits a stored result that no longer fits its schema, with a warning instead of an error", async () => {
      const { ids } = await batchWith(texts(1, "stale"));
      await h.runtime.db
        .update(cvs)
        .set({ status: "completed", parsedData: { candidate_name: 42 } })
        .where(eq(cvs.id, ids[0]!));
      const res = await req({ method: "GET", url: `${API}/cvs/${ids[0]}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().parse_detail).toBeNull();
      expect(res.json().warnings[0]).toMatch(/parse_detail/);
    });
  });

  describe("CV file", () => {
    it("streams the original bytes with the detected type and the sanitised name", async () => {
      const bytes = await cvPdf(profile(3));
      const { ids } = await batchWith([{ filename: "Zoë Ünal CV.pdf", bytes, contentType: "text/plain" }]);
      const res = await req({ method: "GET", url: `${API}/cvs/${ids[0]}/file` });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.headers["content-disposition"]).toBe(
        `attachment; filename="Zo_ _nal CV.pdf"; filename*=UTF-8''Zo%C3%AB%20%C3%9Cnal%20CV.pdf`,
      );
      expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);
    });
  });

  describe("JSON Resume", () => {
    it("converts the parsed CV, and answers 409 before parsing", async () => {
      const { ids } = await batchWith(texts(1, "resume"));
      const early = await req({ method: "GET", url: `${API}/cvs/${ids[0]}/json-resume` });
      expect(early.statusCode).toBe(409);
      await completeCv(h.runtime.db, ids[0]!, { name: "Jo Resume", score: null });
      const res = await req({ method: "GET", url: `${API}/cvs/${ids[0]}/json-resume` });
      expect(res.statusCode).toBe(200);
      expect(res.json().basics).toMatchObject({ name: "Jo Resume", email: "jo.resume@example.com" });
    });
  });

  describe("CV deletion", () => {
    it("erases the CV, its file and its results", async () => {
      const { ids } = await batchWith(texts(1, "erase"));
      const id = ids[0]!;
      await completeCv(h.runtime.db, id, { name: "Gone", score: 50 });
      await h.runtime.db
        .insert(llmUsage)
        .values({ userId: acct.id, cvId: id, stage: "x", provider: "openai", model: "m" });
      const [row] = await h.runtime.db.select().from(cvs).where(eq(cvs.id, id));
      expect((await req({ method: "DELETE", url: `${API}/cvs/${id}` })).statusCode).toBe(204);
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.id, id))).toHaveLength(0);
      expect(await h.runtime.db.select().from(llmUsage).where(eq(llmUsage.cvId, id))).toHaveLength(0);
      await expect(h.runtime.storage.get(row!.storageKey)).rejects.toBeInstanceOf(StorageNotFoundError);
      expect((await req({ method: "GET", url: `${API}/cvs/${id}` })).statusCode).toBe(404);
      expect((await req({ method: "GET", url: `${API}/cvs/${id}/file` })).statusCode).toBe(404);
      expect((await req({ method: "DELETE", url: `${API}/cvs/${id}` })).statusCode).toBe(404);
    });
  });

  describe("batch CV list", () => {
    it("filters by status, sorts by score with unmatched last, paginates", async () => {
      const { batchId, ids } = await batchWith(texts(5, "list"));
      await completeCv(h.runtime.db, ids[0]!, { name: "A", score: 60 });
      await completeCv(h.runtime.db, ids[1]!, { name: "B", score: 90 });
      await completeCv(h.runtime.db, ids[2]!, { name: "C", score: null });
      await h.runtime.db.update(cvs).set({ status: "failed", error: "boom" }).where(eq(cvs.id, ids[3]!));

      const completed = await req({
        method: "GET",
        url: `${API}/cv-batches/${batchId}/cvs?status=completed`,
      });
      expect(completed.statusCode).toBe(200);
      expect(completed.json().total).toBe(3);
      expect(completed.json().items.every((c: { status: string }) => c.status === "completed")).toBe(true);

      const byScore = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/cvs?sort=score` });
      const order = byScore.json().items.map((c: { id: string }) => c.id);
      expect(order.slice(0, 2)).toEqual([ids[1], ids[0]]);
      expect(byScore.json().items[0]).toMatchObject({ candidate_name: "B", jd_match_score: 90 });
      const asc = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/cvs?sort=score&order=asc` });
      expect(
        asc
          .json()
          .items.slice(0, 2)
          .map((c: { id: string }) => c.id),
      ).toEqual([ids[0], ids[1]]);
      expect(asc.json().items.at(-1).jd_match_score).toBeNull();

      const paged = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/cvs?page=3&page_size=2` });
      expect(paged.json()).toMatchObject({ total: 5, page: 3, page_size: 2 });
      expect(paged.json().items).toHaveLength(1);

      const bad = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/cvs?status=done&sort=size` });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { field: string }) => e.field)
          .sort(),
      ).toEqual(["query.sort", "query.status"]);
    });
  });

  describe("ranking", () => {
    it("orders by score descending, unmatched last, ties by upload time, and marks the shortlist", async () => {
      const { batchId, ids } = await batchWith(texts(6, "rank"), { shortlist_threshold: 70 });
      // Distinct upload times so ties have a defined order.
      for (const [i, id] of ids.entries()) {
        await h.runtime.db
          .update(cvs)
          .set({ createdAt: sql`now() - make_interval(secs => ${100 - i})` })
          .where(eq(cvs.id, id));
      }
      const scores = [55, 80, null, 80, 95, 70];
      for (const [i, id] of ids.entries())
        await completeCv(h.runtime.db, id, { name: `N${i}`, score: scores[i]! });

      const res = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/ranking` });
      expect(res.statusCode).toBe(200);
      const ranking = res.json();
      const rows = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
      const expected = rows
        .map((r) => ({ id: r.id, score: r.jdMatchScore, created_at: r.createdAt }))
        .sort(compareForRanking)
        .map((r) => r.id);
      expect(ranking.items.map((e: { cv_id: string }) => e.cv_id)).toEqual(expected);
      expect(ranking.items.map((e: { jd_match_score: number | null }) => e.jd_match_score)).toEqual([
        95,
        80,
        80,
        70,
        55,
        null,
      ]);
      expect(ranking.items.map((e: { rank: number }) => e.rank)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(ranking.items.map((e: { shortlisted: boolean }) => e.shortlisted)).toEqual([
        true,
        true,
        true,
        true,
        false,
        false,
      ]);
      expect(ranking).toMatchObject({ shortlist_threshold: 70, shortlisted_count: 4, total: 6 });
      expect(ranking.items[0]).toMatchObject({ candidate_name: "N4", recommendation: expect.any(String) });

      const only = await req({
        method: "GET",
        url: `${API}/cv-batches/${batchId}/ranking?shortlisted_only=true`,
      });
      expect(only.json().items).toHaveLength(4);
      const page2 = await req({
        method: "GET",
        url: `${API}/cv-batches/${batchId}/ranking?page=2&page_size=4`,
      });
      expect(page2.json().items.map((e: { rank: number }) => e.rank)).toEqual([5, 6]);
    });

    it("marks nothing shortlisted without a threshold", async () => {
      const { batchId, ids } = await batchWith(texts(2, "nothr"));
      await completeCv(h.runtime.db, ids[0]!, { name: "X", score: 99 });
      const res = await req({ method: "GET", url: `${API}/cv-batches/${batchId}/ranking` });
      expect(res.json().items.every((e: { shortlisted: boolean }) => !e.shortlisted)).toBe(true);
      expect(res.json().shortlisted_count).toBe(0);
    });
  });
});

// The documented flow through the API with the real pipeline in this process: create a JD and a
// batch, upload, process, follow progress on a WebSocket, read results and the ranking.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type ProgressEvent, progressEventSchema, STAGE_PROGRESS } from "../../src/progress/events.ts";
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
import { cvDocx, cvPdf, profile } from "../support/cv-fixtures.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  beforeAll(async () => {
    h = await startApi({ mode, role: "all" });
    await h.app.listen({ host: "127.0.0.1", port: 0 });
    acct = await register(h.app, "e2e");
  });
  afterAll(() => h?.close());

  describe("end to end", () => {
    it("processes an uploaded batch with live progress, results and ranking", async () => {
      const req = as(h.app, acct);
      const port = (h.app.server.address() as AddressInfo).port;
      const messages: Array<Record<string, unknown>> = [];
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}${API}/cv-processing/ws/${acct.id}?token=${acct.token}`,
      );
      ws.on("message", (m) => messages.push(JSON.parse(String(m))));
      const deadline = Date.now() + 10_000;
      while (messages.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(messages[0]).toMatchObject({ type: "subscribed" });

      const jd = (
        await req({
          method: "POST",
          url: `${API}/job-descriptions`,
          payload: {
            title: "Backend Engineer",
            description:
              "Requirements:\n- 3+ years of professional experience\n- Python, Django, PostgreSQL\n- Docker",
          },
        })
      ).json();
      const batch = (
        await req({
          method: "POST",
          url: `${API}/cv-batches`,
          payload: { title: "E2E", job_description_id: jd.id, shortlist_threshold: 50 },
        })
      ).json();
      const files = [
        { filename: "backend.pdf", bytes: await cvPdf(profile(0)) },
        { filename: "frontend.docx", bytes: await cvDocx(profile(1)) },
        {
          filename: "notes.txt",
          bytes: "Jane Roe\njane@example.com\nPython developer, 5 years of Django and PostgreSQL\n",
        },
      ];
      const up = await req({
        method: "POST",
        url: `${API}/cv-batches/${batch.id}/upload`,
        ...multipart(files),
      });
      expect(up.statusCode).toBe(201);
      const ids = up.json().uploaded.map((u: { id: string }) => u.id) as string[];
      expect(ids).toHaveLength(3);

      expect(
        (await req({ method: "POST", url: `${API}/cv-processing/batch/${batch.id}/process` })).json(),
      ).toEqual({
        batch_id: batch.id,
        queued: 3,
      });

      let status = { completed: 0, failed: 0, total_cvs: 3 };
      const finish = Date.now() + 120_000;
      while (status.completed + status.failed < status.total_cvs && Date.now() < finish) {
        await new Promise((r) => setTimeout(r, 200));
        status = (
          await req({ method: "GET", url: `${API}/cv-processing/batch/${batch.id}/queue-status` })
        ).json();
      }
      expect(status).toMatchObject({ completed: 3, failed: 0, total_cvs: 3, percentage: 100 });

      // Every CV's events, in order, ending with COMPLETED; every event complete.
      const finalDeadline = Date.now() + 10_000;
      // batch_progress is coalesced, so the one reporting the finished batch may trail the last CV's event.
      const done = () =>
        ids.every((id) => messages.some((m) => m.cv_id === id && m.stage === "COMPLETED")) &&
        messages.some((m) => m.type === "batch_progress" && m.completed === 3);
      while (!done() && Date.now() < finalDeadline) await new Promise((r) => setTimeout(r, 20));
      const events: ProgressEvent[] = messages.slice(1).map((m) => progressEventSchema.parse(m));
      for (const id of ids) {
        const own = events.filter((e) => e.type === "cv_progress" && e.cv_id === id);
        const progress = own.map((e) => (e.type === "cv_progress" ? e.progress : -1));
        expect(progress, id).toEqual([...progress].sort((a, b) => a - b));
        expect(own[0]).toMatchObject({
          stage: "QUEUED",
          jd_title: "Backend Engineer",
          filename: expect.any(String),
        });
        expect(own.at(-1)).toMatchObject({ stage: "COMPLETED", progress: STAGE_PROGRESS.COMPLETED });
      }
      expect(events.some((e) => e.type === "batch_progress" && e.completed === 3)).toBe(true);
      ws.close();

      const cv = (await req({ method: "GET", url: `${API}/cvs/${ids[2]}` })).json();
      expect(cv).toMatchObject({
        status: "completed",
        progress: 100,
        parse_detail: { candidate_name: "Jane Roe" },
      });
      expect(cv.jd_match_score).toEqual(expect.any(Number));
      expect(cv.jd_match_data.overall_match_score).toBe(cv.jd_match_score);
      expect(cv.processing_time_seconds).toBeGreaterThanOrEqual(0);

      const ranking = (await req({ method: "GET", url: `${API}/cv-batches/${batch.id}/ranking` })).json();
      const scores = ranking.items.map((e: { jd_match_score: number }) => e.jd_match_score);
      expect(scores).toEqual([...scores].sort((a: number, b: number) => b - a));
      for (const e of ranking.items) expect(e.shortlisted).toBe(e.jd_match_score >= 50);

      const resume = await req({ method: "GET", url: `${API}/cvs/${ids[2]}/json-resume` });
      expect(resume.statusCode).toBe(200);
      expect(resume.json().basics).toMatchObject({ name: "Jane Roe" });
    });
  });
});

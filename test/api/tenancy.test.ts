// Every route, tried with another account's ids and with no or bad credentials: only 401 and 404,
// never the other account's data, and nothing of it changes.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvs } from "../../src/db/schema.ts";
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
  let alice: Account;
  let bob: Account;
  let bobKey: string;
  const ids = { jd: "", batch: "", cv: "", key: "" };
  const secrets: string[] = [];

  interface Call {
    method: "GET" | "POST" | "PATCH" | "DELETE";
    path: string;
    url: string;
    payload?: Record<string, unknown>;
    multipart?: boolean;
  }

  function calls(): Call[] {
    const c = (method: Call["method"], path: string, extra: Partial<Call> = {}): Call => ({
      method,
      path,
      url: API + path.replace("{id}", "ID").replace("{batch_id}", ids.batch).replace("{cv_id}", ids.cv),
      ...extra,
    });
    const withId = (call: Call, id: string) => ({ ...call, url: call.url.replace("ID", id) });
    return [
      withId(c("GET", "/job-descriptions/{id}"), ids.jd),
      withId(c("PATCH", "/job-descriptions/{id}", { payload: { title: "stolen" } }), ids.jd),
      withId(c("DELETE", "/job-descriptions/{id}"), ids.jd),
      withId(c("GET", "/cv-batches/{id}"), ids.batch),
      withId(c("PATCH", "/cv-batches/{id}", { payload: { title: "stolen" } }), ids.batch),
      withId(c("DELETE", "/cv-batches/{id}"), ids.batch),
      withId(c("GET", "/cv-batches/{id}/cvs"), ids.batch),
      withId(c("GET", "/cv-batches/{id}/ranking"), ids.batch),
      c("POST", "/cv-batches/{batch_id}/upload", { multipart: true }),
      withId(c("GET", "/cvs/{id}"), ids.cv),
      withId(c("GET", "/cvs/{id}/file"), ids.cv),
      withId(c("GET", "/cvs/{id}/json-resume"), ids.cv),
      withId(c("DELETE", "/cvs/{id}"), ids.cv),
      c("POST", "/cv-processing/batch/{batch_id}/process"),
      c("POST", "/cv-processing/cv/{cv_id}/retry"),
      c("GET", "/cv-processing/batch/{batch_id}/queue-status"),
      withId(c("DELETE", "/api-keys/{id}"), ids.key),
    ];
  }

  /** Routes that need no id: they must answer 401 without credentials. */
  const COLLECTIONS: Array<Pick<Call, "method" | "path">> = [
    { method: "GET", path: "/auth/me" },
    { method: "POST", path: "/api-keys" },
    { method: "GET", path: "/api-keys" },
    { method: "POST", path: "/job-descriptions" },
    { method: "GET", path: "/job-descriptions" },
    { method: "POST", path: "/cv-batches" },
    { method: "GET", path: "/cv-batches" },
    { method: "GET", path: "/cv-processing/events" },
  ];

  function send(call: Call, headers: Record<string, string>) {
    if (call.multipart) {
      const body = multipart([{ filename: "intruder.txt", bytes: "intruder CV" }]);
      return h.app.inject({
        method: call.method,
        url: call.url,
        payload: body.payload,
        headers: { ...headers, ...body.headers },
      });
    }
    return h.app.inject({ method: call.method, url: call.url, payload: call.payload, headers });
  }

  beforeAll(async () => {
    h = await startApi({ mode });
    alice = await register(h.app, "alice");
    bob = await register(h.app, "bob");
    const a = as(h.app, alice);
    ids.jd = (
      await a({
        method: "POST",
        url: `${API}/job-descriptions`,
        payload: { title: "Secret Role", description: "Python" },
      })
    ).json().id;
    ids.batch = (
      await a({
        method: "POST",
        url: `${API}/cv-batches`,
        payload: { title: "Secret Batch", job_description_id: ids.jd },
      })
    ).json().id;
    const up = await a({
      method: "POST",
      url: `${API}/cv-batches/${ids.batch}/upload`,
      ...multipart([{ filename: "secret-candidate.txt", bytes: "Secret Candidate CV" }]),
    });
    ids.cv = up.json().uploaded[0].id;
    await completeCv(h.runtime.db, ids.cv, { name: "Secret Candidate", score: 88 });
    ids.key = (await a({ method: "POST", url: `${API}/api-keys`, payload: { name: "alice-key" } })).json().id;
    bobKey = (await as(h.app, bob)({ method: "POST", url: `${API}/api-keys` })).json().key;
    secrets.push(
      "Secret Role",
      "Secret Batch",
      "secret-candidate",
      "Secret Candidate",
      "alice-key",
      alice.email,
    );
  });
  afterAll(() => h?.close());

  describe("tenancy", () => {
    it("covers every route that takes an id", async () => {
      const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
      const covered = new Set(calls().map((c) => `${c.method} ${c.path}`));
      // A socket cannot be driven by inject(): live.test.ts checks that another user's id closes it
      // with 4403 before any event.
      covered.add("GET /cv-processing/ws/{user_id}");
      for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
        if (!path.startsWith(API) || !path.includes("{")) continue;
        for (const method of Object.keys(ops)) {
          expect(covered, `${method} ${path}`).toContain(`${method.toUpperCase()} ${path.slice(API.length)}`);
        }
      }
    });

    it("answers 404 to another account, by token and by API key, and leaks nothing", async () => {
      for (const authorization of [`Bearer ${bob.token}`, `Bearer ${bobKey}`]) {
        for (const call of calls()) {
          const res = await send(call, { authorization });
          expect(res.statusCode, `${call.method} ${call.path}`).toBe(404);
          expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
          for (const s of secrets) expect(res.body, `${call.method} ${call.path}`).not.toContain(s);
        }
      }
      // Linking another account's JD to one's own batch is refused the same way.
      const own = (
        await as(h.app, bob)({ method: "POST", url: `${API}/cv-batches`, payload: { title: "mine" } })
      ).json();
      const link = await as(
        h.app,
        bob,
      )({
        method: "PATCH",
        url: `${API}/cv-batches/${own.id}`,
        payload: { job_description_id: ids.jd },
      });
      expect(link.statusCode).toBe(404);
      // Listings show nothing of Alice's.
      for (const path of ["/job-descriptions", "/cv-batches", "/api-keys"]) {
        const res = await as(h.app, bob)({ method: "GET", url: `${API}${path}` });
        expect(res.statusCode).toBe(200);
        for (const s of secrets) expect(res.body).not.toContain(s);
        expect(res.body).not.toContain(ids.jd);
        expect(res.body).not.toContain(ids.batch);
      }
    });

    it("answers 401 without or with bad credentials", async () => {
      const all = [...calls(), ...COLLECTIONS.map((c) => ({ ...c, url: API + c.path }))];
      const variants: Array<Record<string, string>> = [
        {},
        { authorization: "Bearer forged.token.value" },
        { authorization: `Bearer ${alice.token}x` },
      ];
      for (const headers of variants) {
        for (const call of all) {
          const res = await send(call as Call, headers);
          expect(res.statusCode, `${call.method} ${call.path}`).toBe(401);
          for (const s of secrets) expect(res.body).not.toContain(s);
        }
      }
    });

    it("left Alice's data untouched", async () => {
      const a = as(h.app, alice);
      const cv = await a({ method: "GET", url: `${API}/cvs/${ids.cv}` });
      expect(cv.statusCode).toBe(200);
      expect(cv.json()).toMatchObject({ status: "completed", jd_match_score: 88 });
      expect((await a({ method: "GET", url: `${API}/cv-batches/${ids.batch}` })).json().title).toBe(
        "Secret Batch",
      );
      expect((await a({ method: "GET", url: `${API}/job-descriptions/${ids.jd}` })).json().title).toBe(
        "Secret Role",
      );
      expect((await a({ method: "GET", url: `${API}/api-keys` })).json().items).toHaveLength(1);
      const rows = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, ids.batch));
      expect(rows.map((r) => r.filename)).toEqual(["secret-candidate.txt"]);
    });
  });
});

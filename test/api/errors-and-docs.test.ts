import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, API, type ApiHarness, as, MODES, register, startApi } from "../support/api-harness.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  beforeAll(async () => {
    h = await startApi({ mode });
    acct = await register(h.app, "errors");
  });
  afterAll(() => h?.close());

  function expectProblem(
    res: { statusCode: number; headers: Record<string, unknown>; body: string },
    status: number,
  ) {
    expect(res.statusCode).toBe(status);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({
      type: expect.any(String),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
    expect(Object.keys(body).every((k) => ["type", "title", "status", "detail", "errors"].includes(k))).toBe(
      true,
    );
    return body;
  }

  describe("problem details", () => {
    it("answers malformed JSON with 400", async () => {
      const res = await as(
        h.app,
        acct,
      )({
        method: "POST",
        url: `${API}/cv-batches`,
        payload: '{"title": "x",',
        headers: { "content-type": "application/json" },
      });
      expectProblem(res, 400);
    });

    it("answers validation failures with 400 naming the fields", async () => {
      const res = await as(
        h.app,
        acct,
      )({
        method: "POST",
        url: `${API}/cv-batches`,
        payload: { title: "", priority: "high", job_description_id: "nope" },
      });
      const body = expectProblem(res, 400);
      const fields = body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(["body.job_description_id", "body.priority", "body.title"]);
      expect(body.detail).toContain("body.title");
    });

    it("answers unknown routes with 404", async () => {
      expectProblem(await h.app.inject({ method: "GET", url: `${API}/nothing-here` }), 404);
      expectProblem(await h.app.inject({ method: "PUT", url: `${API}/nothing-here` }), 404);
      expectProblem(await h.app.inject({ method: "GET", url: `${API}/cvs/a/b/c` }), 404);
    });

    it("answers an unsupported method on an existing route with 405 and Allow", async () => {
      const put = await h.app.inject({ method: "PUT", url: `${API}/cv-batches` });
      expect(expectProblem(put, 405).detail).toContain("PUT");
      expect(put.headers.allow).toBe("GET, HEAD, POST");
      const onItem = await h.app.inject({ method: "POST", url: `${API}/cvs/${crypto.randomUUID()}` });
      expectProblem(onItem, 405);
      expect(onItem.headers.allow).toBe("DELETE, GET, HEAD");
      const put2 = await h.app.inject({ method: "PUT", url: `${API}/cv-processing/batch/x/process?a=1` });
      expectProblem(put2, 405);
      expect(put2.headers.allow).toBe("POST");
    });

    it("answers an unsupported body type with 415", async () => {
      const res = await as(
        h.app,
        acct,
      )({
        method: "POST",
        url: `${API}/cv-batches`,
        payload: "title=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expectProblem(res, 415);
    });

    it("answers internal failures with a generic 500: no stack, SQL or paths", async () => {
      const broken = await startApi({ mode });
      try {
        const user = await register(broken.app, "broken");
        await broken.runtime.database.close();
        const res = await as(broken.app, user)({ method: "GET", url: `${API}/cv-batches` });
        const body = expectProblem(res, 500);
        expect(body.detail).toBe("the server could not complete the request");
        expect(res.body).not.toMatch(/select|cv_batches|\/tmp|node_modules|at .*\.ts/i);
      } finally {
        await broken.close();
      }
    });
  });

  describe("OpenAPI and docs", () => {
    it("serves an OpenAPI document generated from the route schemas", async () => {
      const res = await h.app.inject({ method: "GET", url: "/openapi.json" });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\.1/);
      const post = doc.paths[`${API}/cv-batches`].post;
      expect(post.requestBody.content["application/json"].schema.required).toContain("title");
      expect(
        doc.paths[`${API}/cv-processing/batch/{batch_id}/queue-status`].get.responses["200"],
      ).toBeDefined();
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
      expect(Object.keys(doc.components.schemas)).toEqual(
        expect.arrayContaining(["Problem", "Cv", "CvBatch"]),
      );
    });

    it("documents the progress WebSocket: its token, the 101 answer and the message schema", async () => {
      const doc = (await h.app.inject({ method: "GET", url: "/openapi.json" })).json();
      const ws = doc.paths[`${API}/cv-processing/ws/{user_id}`]?.get;
      expect(ws).toBeDefined();
      const params = ws.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
      expect(params.sort()).toEqual(["path:user_id", "query:token"]);
      expect(ws.responses["101"].description).toMatch(/^Switching Protocols/);
      expect(ws.responses["101"].content).toBeUndefined();
      expect(ws.description).toMatch(/4401.*4403/);
      expect(ws["x-websocket-messages"]).toEqual({ $ref: "#/components/schemas/LiveMessage" });
      const refs = doc.components.schemas.LiveMessage.oneOf.map((s: { $ref: string }) => s.$ref);
      expect(refs).toEqual(
        ["SubscribedMessage", "CvProgressEvent", "BatchProgressEvent"].map(
          (n) => `#/components/schemas/${n}`,
        ),
      );
      expect(doc.components.schemas.CvProgressEvent.properties.stage.enum).toContain("FAILED");
    });

    it("serves interactive docs at /docs", async () => {
      const res = await h.app.inject({ method: "GET", url: "/docs/" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
    });
  });

  describe("health", () => {
    it("answers liveness and readiness", async () => {
      expect((await h.app.inject({ method: "GET", url: "/health" })).json()).toEqual({ status: "ok" });
      const ready = await h.app.inject({ method: "GET", url: "/ready" });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toMatchObject({
        status: "ready",
        checks: {
          database: { status: "ok" },
          queue: { status: "ok" },
          storage: { status: "ok" },
          events: { status: "ok" },
        },
      });
      expect((await h.app.inject({ method: "GET", url: `${API}/health` })).statusCode).toBe(200);
    });

    it("answers 503 naming the failed dependency when one is down", async () => {
      const down = await startApi({ mode });
      try {
        await down.runtime.database.close();
        const res = await down.app.inject({ method: "GET", url: "/ready" });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({
          status: "not_ready",
          checks: { database: { status: "error" }, queue: { status: "ok" } },
        });
      } finally {
        await down.close();
      }
    });
  });
});

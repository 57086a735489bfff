// Live progress over a real socket: a WebSocket client and an SSE client against a listening app.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { liveMessageSchema } from "../../src/api/schemas/live.ts";
import {
  type ProgressEvent,
  progressEventSchema,
  STAGE_MESSAGES,
  STAGE_PROGRESS,
  type Stage,
} from "../../src/progress/events.ts";
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

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let base: string;
  let alice: Account;
  let bob: Account;

  beforeAll(async () => {
    h = await startApi({ mode, app: { live: { heartbeatMs: 100 } } });
    await h.app.listen({ host: "127.0.0.1", port: 0 });
    base = `127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    alice = await register(h.app, "alice-live");
    bob = await register(h.app, "bob-live");
  });
  afterAll(() => h?.close());

  interface WsClient {
    ws: WebSocket;
    messages: Array<Record<string, unknown>>;
    pings: number;
    closed: Promise<{ code: number; reason: string }>;
  }

  function connect(userId: string, token?: string): WsClient {
    const query = token === undefined ? "" : `?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(`ws://${base}${API}/cv-processing/ws/${userId}${query}`);
    const client: WsClient = { ws, messages: [], pings: 0, closed: null as never };
    ws.on("message", (data) => client.messages.push(JSON.parse(String(data))));
    ws.on("ping", () => client.pings++);
    client.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
    return client;
  }

  async function until(check: () => boolean, what: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  const PIPELINE: Stage[] = [
    "DOWNLOADING",
    "EXTRACTING",
    "ANALYZING_STRUCTURE",
    "PARSING_WITH_AI",
    "MATCHING_JD",
    "FINALIZING",
    "COMPLETED",
  ];

  /** Uploads CVs, queues them (the scheduler publishes QUEUED and batch_progress), then publishes each
   *  CV's stages interleaved across CVs, as concurrent workers would. */
  async function runBatch(owner: Account, n: number) {
    const r = as(h.app, owner);
    const batchId = (await r({ method: "POST", url: `${API}/cv-batches`, payload: { title: "Live" } })).json()
      .id as string;
    const files = Array.from({ length: n }, (_, i) => ({
      filename: `live-${owner.id}-${i}.txt`,
      bytes: `CV ${owner.id} ${i}`,
    }));
    const up = await r({ method: "POST", url: `${API}/cv-batches/${batchId}/upload`, ...multipart(files) });
    const cvs = up.json().uploaded as Array<{ id: string; filename: string }>;
    const processed = await r({ method: "POST", url: `${API}/cv-processing/batch/${batchId}/process` });
    expect(processed.statusCode).toBe(202);
    for (const stage of PIPELINE) {
      for (const cv of cvs) {
        await h.runtime.events.publish({
          type: "cv_progress",
          user_id: owner.id,
          cv_id: cv.id,
          batch_id: batchId,
          progress: STAGE_PROGRESS[stage],
          status: STAGE_MESSAGES[stage],
          stage,
          filename: cv.filename,
          jd_title: null,
          timestamp: Date.now(),
        });
      }
    }
    return { batchId, cvIds: cvs.map((c) => c.id) };
  }

  function checkEvents(events: ProgressEvent[], owner: Account, cvIds: string[]) {
    for (const e of events) expect(e.user_id).toBe(owner.id);
    for (const cvId of cvIds) {
      const stages = events.flatMap((e) => (e.type === "cv_progress" && e.cv_id === cvId ? [e.stage] : []));
      expect(stages, cvId).toEqual(["QUEUED", ...PIPELINE]);
    }
    expect(events.some((e) => e.type === "batch_progress")).toBe(true);
  }

  describe("WebSocket", () => {
    it("refuses a missing or invalid token with 4401 and another user's token with 4403, before any event", async () => {
      const none = connect(alice.id);
      const bad = connect(alice.id, "not-a-token");
      const foreign = connect(alice.id, bob.token);
      expect(await none.closed).toMatchObject({ code: 4401 });
      expect(await bad.closed).toMatchObject({ code: 4401 });
      expect(await foreign.closed).toMatchObject({ code: 4403 });
      for (const c of [none, bad, foreign]) expect(c.messages).toEqual([]);
    });

    it("sends the user's events complete and in order per CV, and nothing to another user", async () => {
      const a = connect(alice.id, alice.token);
      const b = connect(bob.id, bob.token);
      await until(() => a.messages.length > 0 && b.messages.length > 0, "subscriptions");
      expect(a.messages[0]).toEqual({ type: "subscribed", user_id: alice.id });

      const { cvIds } = await runBatch(alice, 3);
      const expectedCv = cvIds.length * (PIPELINE.length + 1);
      await until(
        () =>
          a.messages.filter((m) => m.type === "cv_progress").length >= expectedCv &&
          a.messages.some((m) => m.type === "batch_progress"),
        "alice's events",
      );
      const events = a.messages.slice(1).map((m) => progressEventSchema.parse(m));
      checkEvents(events, alice, cvIds);
      // Every frame fits the message schema the OpenAPI document publishes.
      for (const m of a.messages)
        expect(liveMessageSchema.safeParse(m).success, JSON.stringify(m)).toBe(true);
      const batch = events.find((e) => e.type === "batch_progress");
      expect(Object.keys(batch!).sort()).toEqual(
        [
          "type",
          "user_id",
          "timestamp",
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
        ].sort(),
      );

      // Bob got his subscription message only; an API key works as a token too.
      expect(b.messages).toEqual([{ type: "subscribed", user_id: bob.id }]);
      const key = (await as(h.app, bob)({ method: "POST", url: `${API}/api-keys` })).json().key;
      const viaKey = connect(bob.id, key);
      await until(() => viaKey.messages.length > 0, "api key subscription");
      expect(viaKey.messages[0]).toMatchObject({ type: "subscribed" });
      for (const c of [a, b, viaKey]) c.ws.close();
    });

    it("answers a plain HTTP request on the socket's URL with 426 and Upgrade: websocket", async () => {
      const res = await h.app.inject({ method: "GET", url: `${API}/cv-processing/ws/${alice.id}` });
      expect(res.statusCode).toBe(426);
      expect(res.headers.upgrade).toBe("websocket");
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 426, title: "Upgrade Required" });
    });

    it("sends heartbeat pings", async () => {
      const c = connect(alice.id, alice.token);
      await until(() => c.pings >= 2, "pings");
      c.ws.close();
      await c.closed;
    });
  });

  describe("Server-Sent Events", () => {
    function sse(token: string | null) {
      const frames: Array<{ event: string; data: Record<string, unknown> }> = [];
      let status = 0;
      let buffer = "";
      let abort = () => {};
      const ended = new Promise<void>((resolve, reject) => {
        const req = http.get(
          `http://${base}${API}/cv-processing/events`,
          { headers: token ? { authorization: `Bearer ${token}` } : {} },
          (res) => {
            status = res.statusCode ?? 0;
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              buffer += chunk;
              let cut = buffer.indexOf("\n\n");
              while (cut >= 0) {
                const frame = buffer.slice(0, cut);
                buffer = buffer.slice(cut + 2);
                const event = /^event: (.+)$/m.exec(frame)?.[1];
                const data = /^data: (.+)$/m.exec(frame)?.[1];
                if (event && data) frames.push({ event, data: JSON.parse(data) });
                cut = buffer.indexOf("\n\n");
              }
            });
            res.on("end", resolve);
            res.on("close", resolve);
          },
        );
        req.on("error", reject);
        abort = () => req.destroy();
      });
      return { frames, status: () => status, ended, abort: () => abort() };
    }

    it("needs Bearer credentials", async () => {
      const c = sse(null);
      await c.ended;
      expect(c.status()).toBe(401);
    });

    it("streams the user's events in order per CV, and nothing to another user", async () => {
      const a = sse(alice.token);
      const b = sse(bob.token);
      await until(() => a.frames.length > 0 && b.frames.length > 0, "sse subscriptions");
      expect(a.frames[0]).toEqual({ event: "subscribed", data: { type: "subscribed", user_id: alice.id } });
      const { cvIds } = await runBatch(alice, 2);
      const expectedCv = cvIds.length * (PIPELINE.length + 1);
      await until(
        () =>
          a.frames.filter((f) => f.event === "cv_progress").length >= expectedCv &&
          // batch_progress is coalesced, so it may follow the last cv_progress.
          a.frames.some((f) => f.event === "batch_progress"),
        "sse events",
      );
      const events = a.frames.slice(1).map((f) => {
        expect(f.event).toBe(f.data.type);
        return progressEventSchema.parse(f.data);
      });
      checkEvents(events, alice, cvIds);
      expect(b.frames.map((f) => f.event)).toEqual(["subscribed"]);
      a.abort();
      b.abort();
    });
  });

  describe("shutdown", () => {
    it("closes WebSockets with 1001 and ends event streams when the app closes", async () => {
      const own = await startApi({ mode });
      await own.app.listen({ host: "127.0.0.1", port: 0 });
      const port = (own.app.server.address() as AddressInfo).port;
      const user = await register(own.app, "shutdown");
      const ws = new WebSocket(
        `ws://127.0.0.1:${port}${API}/cv-processing/ws/${user.id}?token=${user.token}`,
      );
      const messages: unknown[] = [];
      ws.on("message", (m) => messages.push(String(m)));
      const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
      let sseEnded = false;
      const sseDone = new Promise<void>((resolve) => {
        http.get(`http://127.0.0.1:${port}${API}/cv-processing/events`, { headers: user.auth }, (res) => {
          res.resume();
          res.on("close", () => {
            sseEnded = true;
            resolve();
          });
        });
      });
      await until(() => messages.length > 0, "subscription");
      await new Promise((r) => setTimeout(r, 100));
      await own.close();
      expect(await closed).toBe(1001);
      await sseDone;
      expect(sseEnded).toBe(true);
    });
  });
});

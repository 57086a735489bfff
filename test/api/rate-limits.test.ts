// Distributed mode: two API replicas (two runtimes and apps on one database, Redis prefix and
// bucket) share one account's budget, and a limiter whose Redis is gone lets requests through
// without rate-limit headers. Plus (either mode) a store that fails for a while and answers again.
import { Writable } from "node:stream";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryRateLimitStore } from "../../src/adapters/memory-rate-limits.ts";
import { buildApp } from "../../src/app.ts";
import type { RateLimitStore } from "../../src/ports.ts";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { API, MODES, register } from "../support/api-harness.ts";
import { createModeEnvironment, type ModeEnvironment } from "../support/services.ts";

const LIMIT_HEADERS = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"];

/** The response's rate-limit headers (none at all when the limit was not enforced). */
const limitHeaders = (res: LightMyRequestResponse) =>
  Object.fromEntries(LIMIT_HEADERS.filter((h) => h in res.headers).map((h) => [h, res.headers[h]]));

describe.runIf(MODES.includes("distributed"))("rate limits across API replicas", () => {
  let environment: ModeEnvironment;
  const replicas: Array<{ runtime: CvflowRuntime; app: FastifyInstance }> = [];

  beforeAll(async () => {
    environment = await createModeEnvironment("distributed", { RATE_LIMIT_AUTH_PER_MINUTE: "3" });
    for (let i = 0; i < 2; i++) {
      const runtime = await createRuntime(environment.config(), { role: "api" });
      const app = await buildApp(runtime);
      replicas.push({ runtime, app });
      await app.ready();
    }
  });

  afterAll(async () => {
    for (const { app, runtime } of replicas) {
      await app.close().catch(() => {});
      await runtime.close().catch(() => {});
    }
    await environment?.cleanup();
  });

  const login = (app: FastifyInstance, email: string) =>
    app.inject({ method: "POST", url: `${API}/auth/login`, payload: { email, password: "wrong-password" } });

  it("counts one account's logins against one budget whichever replica answers", async () => {
    const [a, b] = replicas.map((r) => r.app) as [FastifyInstance, FastifyInstance];
    const acct = await register(a, "shared");
    const codes = [];
    for (const app of [a, b, a, b]) codes.push((await login(app, acct.email)).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const res = await login(a, acct.email);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 429 });
    // Another account is not affected, on either replica.
    expect((await login(b, "other@example.com")).statusCode).toBe(401);
  });

  it("lets requests through, without rate-limit headers, when the limiter's Redis connection is gone", async () => {
    const { app, runtime } = replicas[1]!;
    const acct = await register(replicas[0]!.app, "open");
    const counted = await login(app, acct.email);
    expect(counted.statusCode).toBe(401);
    expect(limitHeaders(counted)).toMatchObject({ "x-ratelimit-limit": "3", "x-ratelimit-remaining": "2" });
    // The store's connection closed: every hit fails at once, as while Redis is unreachable.
    await runtime.rateLimits?.close();
    const responses = [];
    for (let i = 0; i < 5; i++) responses.push(await login(app, acct.email));
    expect(responses.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    // Nothing is counted, so nothing about a budget is announced.
    expect(responses.map(limitHeaders)).toEqual([{}, {}, {}, {}, {}]);
  });
});

describe("rate-limit headers while the store fails for a while", () => {
  let environment: ModeEnvironment;
  let runtime: CvflowRuntime;
  let app: FastifyInstance;
  let down = false;
  const logLines: string[] = [];

  beforeAll(async () => {
    environment = await createModeEnvironment("embedded", { RATE_LIMIT_AUTH_PER_MINUTE: "3" });
    runtime = await createRuntime(environment.config(), { role: "api" });
    // The runtime's store, failing on demand as Redis does while unreachable.
    const counters = createMemoryRateLimitStore();
    const store: RateLimitStore = {
      hit: (key, windowMs) =>
        down ? Promise.reject(new Error("Connection is closed.")) : counters.hit(key, windowMs),
      close: () => counters.close(),
    };
    // A logger that keeps what the app logs, to count the outage warnings.
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      ...runtime,
      rateLimits: store,
      log: pino({ level: "info" }, sink),
    } as CvflowRuntime);
    await app.ready();
  });

  afterAll(async () => {
    await app?.close().catch(() => {});
    await runtime?.close().catch(() => {});
    await environment?.cleanup();
  });

  const login = (email: string) =>
    app.inject({ method: "POST", url: `${API}/auth/login`, payload: { email, password: "wrong-password" } });
  const warnings = () => logLines.filter((l) => l.includes("rate-limit store unavailable")).length;

  it("sends no rate-limit headers while a hit cannot be counted, and sends them again once it can", async () => {
    const acct = await register(app, "flaky");
    const before = await login(acct.email);
    expect(before.statusCode).toBe(401);
    expect(limitHeaders(before)).toMatchObject({ "x-ratelimit-limit": "3", "x-ratelimit-remaining": "2" });

    down = true;
    const during = [];
    for (let i = 0; i < 4; i++) during.push(await login(acct.email));
    expect(during.map((r) => r.statusCode)).toEqual([401, 401, 401, 401]);
    expect(during.map(limitHeaders)).toEqual([{}, {}, {}, {}]);
    expect(warnings()).toBe(1);

    down = false;
    // The hits of the outage were not counted: the budget goes on from where it was.
    const after = await login(acct.email);
    expect(after.statusCode).toBe(401);
    expect(limitHeaders(after)).toMatchObject({ "x-ratelimit-limit": "3", "x-ratelimit-remaining": "1" });
    expect(Number(after.headers["x-ratelimit-reset"])).toBeGreaterThan(0);
    expect((await login(acct.email)).statusCode).toBe(401);
    const refused = await login(acct.email);
    expect(refused.statusCode).toBe(429);
    expect(limitHeaders(refused)).toMatchObject({ "x-ratelimit-limit": "3", "x-ratelimit-remaining": "0" });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);

    // A second outage warns again, once.
    down = true;
    expect(limitHeaders(await login(acct.email))).toEqual({});
    expect(limitHeaders(await login(acct.email))).toEqual({});
    expect(warnings()).toBe(2);
  });
});

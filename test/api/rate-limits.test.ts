// Distributed mode: two API replicas (two runtimes and apps on one database, Redis prefix and
// bucket) share one account's budget, and a limiter whose Redis is gone lets requests through.
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { API, MODES, register } from "../support/api-harness.ts";
import { createModeEnvironment, type ModeEnvironment } from "../support/services.ts";

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

  it("lets requests through when the limiter's Redis connection is gone", async () => {
    const { app, runtime } = replicas[1]!;
    const acct = await register(replicas[0]!.app, "open");
    // The store's connection closed: every hit fails at once, as while Redis is unreachable.
    await runtime.rateLimits?.close();
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await login(app, acct.email)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401]);
  });
});

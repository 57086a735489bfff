import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiKeys, users } from "../../src/db/schema.ts";
import { API, type ApiHarness, as, MODES, register, startApi } from "../support/api-harness.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi({ mode, env: { RATE_LIMIT_AUTH_PER_MINUTE: "1000" } });
  });
  afterAll(() => h?.close());

  const post = (url: string, payload: Record<string, unknown>) =>
    h.app.inject({ method: "POST", url: `${API}${url}`, payload });

  describe("accounts", () => {
    it("registers, logs in and answers /auth/me", async () => {
      const res = await post("/auth/register", {
        email: "Ada@Example.com",
        password: "s3cret-pass",
        name: "Ada",
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.user).toMatchObject({ email: "ada@example.com", name: "Ada" });
      expect(body.access_token).toEqual(expect.any(String));
      expect(body.token_type).toBe("bearer");

      const login = await post("/auth/login", { email: "ada@example.com", password: "s3cret-pass" });
      expect(login.statusCode).toBe(200);
      expect(login.json()).toMatchObject({ token_type: "bearer", user: { id: body.user.id } });

      const me = await as(h.app, { auth: { authorization: `Bearer ${login.json().access_token}` } })({
        method: "GET",
        url: `${API}/auth/me`,
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({
        id: body.user.id,
        email: "ada@example.com",
        usage: { total_cost_usd: 0 },
      });
    });

    it("stores an argon2id hash, never the password", async () => {
      const acct = await register(h.app, "hash");
      const [row] = await h.runtime.db.select().from(users).where(eq(users.id, acct.id));
      expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row!.passwordHash).not.toContain("correct horse");
    });

    it("refuses a second account with the same email (409) and a wrong password (401)", async () => {
      const acct = await register(h.app, "dup");
      const again = await post("/auth/register", { email: acct.email, password: "another-pass" });
      expect(again.statusCode).toBe(409);
      expect(again.headers["content-type"]).toMatch(/^application\/problem\+json/);

      const wrong = await post("/auth/login", { email: acct.email, password: "wrong-password" });
      expect(wrong.statusCode).toBe(401);
      const unknown = await post("/auth/login", { email: "nobody@example.com", password: "wrong-password" });
      expect(unknown.statusCode).toBe(401);
      // Same answer for an unknown account as for a wrong password.
      expect(unknown.json().detail).toBe(wrong.json().detail);
    });

    it("validates the body and names the fields", async () => {
      const res = await post("/auth/register", { email: "not-an-email", password: "short" });
      expect(res.statusCode).toBe(400);
      const fields = res.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(["body.email", "body.password"]));
    });

    it("answers 401 without credentials, with a bad token, or with a forged one", async () => {
      const acct = await register(h.app, "forge");
      for (const authorization of [
        undefined,
        "Bearer nonsense",
        "Basic Zm9vOmJhcg==",
        `Bearer ${acct.token.slice(0, -2)}xx`,
        "Bearer cvf_notarealkey",
      ]) {
        const res = await h.app.inject({
          method: "GET",
          url: `${API}/auth/me`,
          headers: authorization ? { authorization } : {},
        });
        expect(res.statusCode, authorization).toBe(401);
        expect(res.json()).toMatchObject({ status: 401, type: expect.any(String), title: "Unauthorized" });
      }
    });
  });

  describe("API keys", () => {
    it("creates a key shown once, authenticates with it, lists without it, revokes it", async () => {
      const acct = await register(h.app, "keys");
      const req = as(h.app, acct);
      const created = await req({ method: "POST", url: `${API}/api-keys`, payload: { name: "ci" } });
      expect(created.statusCode).toBe(201);
      const { id, key } = created.json();
      expect(key).toMatch(/^cvf_/);

      const [stored] = await h.runtime.db.select().from(apiKeys).where(eq(apiKeys.id, id));
      expect(stored!.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored!.keyHash).not.toContain(key);

      const viaKey = await h.app.inject({
        method: "GET",
        url: `${API}/auth/me`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(viaKey.statusCode).toBe(200);
      expect(viaKey.json().id).toBe(acct.id);

      const list = await req({ method: "GET", url: `${API}/api-keys` });
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toHaveLength(1);
      expect(list.json().items[0]).toMatchObject({ id, name: "ci" });
      expect(JSON.stringify(list.json())).not.toContain(key);

      const del = await req({ method: "DELETE", url: `${API}/api-keys/${id}` });
      expect(del.statusCode).toBe(204);
      const again = await req({ method: "DELETE", url: `${API}/api-keys/${id}` });
      expect(again.statusCode).toBe(404);
      const revoked = await h.app.inject({
        method: "GET",
        url: `${API}/auth/me`,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(revoked.statusCode).toBe(401);
    });

    it("creates a key without a body", async () => {
      const acct = await register(h.app, "nobody");
      const res = await as(h.app, acct)({ method: "POST", url: `${API}/api-keys` });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().name).toBeNull();
    });
  });

  describe("rate limits", () => {
    it("limits logins per account with 429 and Retry-After", async () => {
      const limited = await startApi({ mode, env: { RATE_LIMIT_AUTH_PER_MINUTE: "3" } });
      try {
        const acct = await register(limited.app, "limited");
        const login = (email: string) =>
          limited.app.inject({
            method: "POST",
            url: `${API}/auth/login`,
            payload: { email, password: "wrong-password" },
          });
        const codes = [];
        for (let i = 0; i < 4; i++) codes.push((await login(acct.email)).statusCode);
        expect(codes).toEqual([401, 401, 401, 429]);
        const res = await login(acct.email);
        expect(res.statusCode).toBe(429);
        expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
        // Another account is not affected.
        expect((await login("other@example.com")).statusCode).toBe(401);
      } finally {
        await limited.close();
      }
    });
  });
});

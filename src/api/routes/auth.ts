// Accounts: register, login, the caller's profile; and the caller's API keys.
import { and, desc, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { apiKeys, users } from "../../db/schema.ts";
import { costSummary } from "../../llm/usage.ts";
import type { Runtime } from "../../runtime-types.ts";
import { burnPasswordCheck, generateApiKey, hashPassword, signAccessToken, verifyPassword } from "../auth.ts";
import { ApiProblem, conflict, notFound } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { accountLimit, loginLimit, registerLimit } from "../rate-limits.ts";
import {
  apiKeyList,
  createApiKeyBody,
  createdApiKeySchema,
  loginBody,
  loginResponse,
  meResponse,
  registerBody,
  registerResponse,
} from "../schemas/auth.ts";
import {
  idParams,
  noContent,
  problemSchema,
  protectedErrors,
  toIso,
  toIsoOrNull,
} from "../schemas/common.ts";

type UserRow = typeof users.$inferSelect;

const userView = (u: Pick<UserRow, "id" | "email" | "name" | "createdAt">) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  created_at: toIso(u.createdAt),
});

export function authRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  const { db, config } = runtime;
  const ttl = config.ACCESS_TOKEN_TTL_SECONDS;
  const tokenFor = async (user: UserRow) => ({
    user: userView(user),
    access_token: await signAccessToken(runtime.jwtSecret, user.id, ttl),
    token_type: "bearer" as const,
    expires_in: ttl,
  });

  return async (app) => {
    app.post(
      "/auth/register",
      {
        config: { rateLimit: registerLimit(config) },
        schema: {
          tags: ["auth"],
          summary: "Create an account",
          body: registerBody,
          response: { 201: registerResponse, 400: problemSchema, 409: problemSchema, 429: problemSchema },
        },
      },
      async (request, reply) => {
        const { email, password, name } = request.body;
        const passwordHash = await hashPassword(password);
        const [user] = await db
          .insert(users)
          .values({ email, name: name ?? null, passwordHash })
          .onConflictDoNothing()
          .returning();
        if (!user) throw conflict("an account with this email already exists");
        return reply.code(201).send(await tokenFor(user));
      },
    );

    app.post(
      "/auth/login",
      {
        config: { rateLimit: loginLimit(config) },
        schema: {
          tags: ["auth"],
          summary: "Exchange email and password for an access token",
          body: loginBody,
          response: { 200: loginResponse, 400: problemSchema, 401: problemSchema, 429: problemSchema },
        },
      },
      async (request) => {
        const { email, password } = request.body;
        const [user] = await db.select().from(users).where(eq(users.email, email));
        if (!user) {
          await burnPasswordCheck(password);
        } else if (await verifyPassword(user.passwordHash, password)) {
          return tokenFor(user);
        }
        throw new ApiProblem(401, "invalid-credentials", "email or password is wrong");
      },
    );

    // Everything below needs credentials.
    app.register(async (plain) => {
      requireAuth(plain, runtime);
      const scope = plain.withTypeProvider<ZodTypeProvider>();

      scope.get(
        "/auth/me",
        {
          schema: {
            tags: ["auth"],
            summary: "The caller's account, with its LLM usage",
            security: [{ bearer: [] }],
            response: { 200: meResponse, 401: problemSchema },
          },
        },
        async (request) => {
          const userId = userIdOf(request);
          const [user] = await db.select().from(users).where(eq(users.id, userId));
          if (!user) throw notFound("account");
          return { ...userView(user), usage: await costSummary(db, { userId }) };
        },
      );

      scope.post(
        "/api-keys",
        {
          config: { rateLimit: accountLimit(config.RATE_LIMIT_AUTH_PER_MINUTE, "api-keys") },
          schema: {
            tags: ["auth"],
            summary: "Create an API key (the key is shown once)",
            security: [{ bearer: [] }],
            body: createApiKeyBody,
            response: {
              201: createdApiKeySchema,
              400: problemSchema,
              401: problemSchema,
              429: problemSchema,
            },
          },
        },
        async (request, reply) => {
          const userId = userIdOf(request);
          const generated = generateApiKey();
          const [row] = await db
            .insert(apiKeys)
            .values({
              userId,
              name: request.body?.name ?? null,
              prefix: generated.prefix,
              keyHash: generated.hash,
            })
            .returning();
          return reply.code(201).send({ ...apiKeyView(row!), key: generated.key });
        },
      );

      scope.get(
        "/api-keys",
        {
          schema: {
            tags: ["auth"],
            summary: "The caller's API keys (without the keys)",
            security: [{ bearer: [] }],
            response: { 200: apiKeyList, 401: problemSchema },
          },
        },
        async (request) => {
          const rows = await db
            .select()
            .from(apiKeys)
            .where(eq(apiKeys.userId, userIdOf(request)))
            .orderBy(desc(apiKeys.createdAt));
          return { items: rows.map(apiKeyView) };
        },
      );

      scope.delete(
        "/api-keys/:id",
        {
          schema: {
            tags: ["auth"],
            summary: "Revoke an API key",
            security: [{ bearer: [] }],
            params: idParams,
            response: { 204: noContent, ...protectedErrors },
          },
        },
        async (request, reply) => {
          const deleted = await db
            .delete(apiKeys)
            .where(and(eq(apiKeys.id, request.params.id), eq(apiKeys.userId, userIdOf(request))))
            .returning({ id: apiKeys.id });
          if (deleted.length === 0) throw notFound("API key");
          return reply.code(204).send();
        },
      );
    });
  };
}

function apiKeyView(row: typeof apiKeys.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    created_at: toIso(row.createdAt),
    last_used_at: toIsoOrNull(row.lastUsedAt),
  };
}

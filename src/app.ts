// The HTTP API: plugins, then routes under /api/v1, one error format (RFC 9457) everywhere.
// Building the app opens nothing; the caller decides whether to listen or inject.
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import fastifyWebsocket from "@fastify/websocket";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from "fastify-type-provider-zod";
import { createMemoryRateLimitStore } from "./adapters/memory-rate-limits.ts";
import { problemBody, toProblem } from "./api/errors.ts";
import { decorateCaller } from "./api/guard.ts";
import { createRouteTable } from "./api/method-not-allowed.ts";
import { dropUncountedLimitHeaders, rateLimitPluginOptions } from "./api/rate-limits.ts";
import { authRoutes } from "./api/routes/auth.ts";
import { batchRoutes } from "./api/routes/batches.ts";
import { cvRoutes } from "./api/routes/cvs.ts";
import { healthRoutes } from "./api/routes/health.ts";
import { jobDescriptionRoutes } from "./api/routes/job-descriptions.ts";
import { type LiveOptions, liveRoutes } from "./api/routes/live.ts";
import { processingRoutes } from "./api/routes/processing.ts";
import { uploadRoutes } from "./api/routes/uploads.ts";
import type { Runtime } from "./runtime-types.ts";

export const API_PREFIX = "/api/v1";
const PROBLEM_JSON = "application/problem+json; charset=utf-8";

export interface AppOptions {
  live?: LiveOptions;
}

/** The runtime's logger when it has one (createRuntime adds a pino logger), so API and pipeline log alike. */
function loggerOf(runtime: Runtime): FastifyBaseLogger | undefined {
  const log = (runtime as Runtime & { log?: unknown }).log;
  if (log && typeof log === "object" && typeof (log as FastifyBaseLogger).child === "function") {
    return log as FastifyBaseLogger;
  }
  return undefined;
}

export async function buildApp(runtime: Runtime, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = runtime;
  const loggerInstance = loggerOf(runtime);
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: config.LOG_LEVEL !== "silent" }),
    bodyLimit: 1024 * 1024,
    // Ids are UUIDs and names are short; long URLs are noise or abuse.
    routerOptions: { maxParamLength: 200 },
  });
  const routes = createRouteTable();
  // Registered before any route (plugins' routes included), so the table sees every one.
  app.addHook("onRoute", (route) => routes.add(route.url, route.method));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  decorateCaller(app);

  app.setErrorHandler((error, request, reply) => {
    const mapped = toProblem(error);
    if (mapped.internal) request.log.error({ err: error }, "request failed");
    else request.log.debug({ err: error }, "request refused");
    return reply.code(mapped.body.status).headers(mapped.headers).type(PROBLEM_JSON).send(mapped.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = routes.allowedMethods(path);
    // The path exists under other methods. (Were the method itself listed, the router refused the
    // request for another reason, and "not found" stays the honest answer.)
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .code(405)
        .header("allow", allowed.join(", "))
        .type(PROBLEM_JSON)
        .send(
          problemBody(
            405,
            "method-not-allowed",
            `${request.method} is not allowed on ${path} (allowed: ${allowed.join(", ")})`,
          ),
        );
    }
    return reply
      .code(404)
      .type(PROBLEM_JSON)
      .send(problemBody(404, "not-found", `no route ${request.method} ${path}`));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "cvflow API",
        version: "1.0.0",
        description: "Screen CVs at scale: upload, process, match against a job description, rank.",
      },
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "An access token from /auth/login or an API key (cvf_...)",
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  // A runtime without a store (a worker's, or one built by hand in tests): this app counts on its own.
  const rateLimits = runtime.rateLimits ?? createMemoryRateLimitStore();
  await app.register(fastifyRateLimit, rateLimitPluginOptions(rateLimits, app.log));
  app.addHook("onSend", dropUncountedLimitHeaders);
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      files: config.UPLOAD_MAX_FILES,
      fileSize: config.UPLOAD_MAX_FILE_BYTES,
      fields: 20,
      fieldSize: 16 * 1024,
      parts: config.UPLOAD_MAX_FILES + 20,
    },
  });
  await app.register(fastifyWebsocket, {
    options: { maxPayload: 64 * 1024 },
    // Clients learn the server is going away (1001) rather than seeing a bare close.
    preClose(done) {
      for (const client of app.websocketServer.clients) client.close(1001, "server shutting down");
      app.websocketServer.close(() => done());
    },
  });

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes(runtime));
  await app.register(
    async (api) => {
      await api.register(healthRoutes(runtime));
      await api.register(authRoutes(runtime));
      await api.register(jobDescriptionRoutes(runtime));
      await api.register(batchRoutes(runtime));
      await api.register(uploadRoutes(runtime));
      await api.register(cvRoutes(runtime));
      await api.register(processingRoutes(runtime));
      await api.register(liveRoutes(runtime, options.live));
    },
    { prefix: API_PREFIX },
  );
  return app;
}

// Liveness (the process answers) and readiness (every external system answers its ping).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Runtime } from "../../runtime-types.ts";

const CHECK_TIMEOUT_MS = 3000;

const checkSchema = z.object({ status: z.enum(["ok", "error"]), latency_ms: z.number() });
const readySchema = z.object({
  status: z.enum(["ready", "not_ready"]),
  checks: z.object({ database: checkSchema, queue: checkSchema, storage: checkSchema, events: checkSchema }),
});

async function check(ping: () => Promise<void>): Promise<z.infer<typeof checkSchema>> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latency_ms: Math.round(performance.now() - started) };
  } catch {
    // Which check failed is reported; why (hosts, credentials) stays in the process.
    return { status: "error", latency_ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(runtime: Runtime): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/health",
      {
        schema: {
          tags: ["health"],
          summary: "Liveness: the process is up",
          response: { 200: z.object({ status: z.literal("ok") }) },
        },
      },
      async () => ({ status: "ok" as const }),
    );

    app.get(
      "/ready",
      {
        schema: {
          tags: ["health"],
          summary: "Readiness: database, queue, storage and event bus reachable",
          response: { 200: readySchema, 503: readySchema },
        },
      },
      async (_request, reply) => {
        const [database, queue, storage, events] = await Promise.all([
          check(() => runtime.database.ping()),
          check(() => runtime.queue.ping()),
          check(() => runtime.storage.ping()),
          check(() => runtime.events.ping()),
        ]);
        const checks = { database, queue, storage, events };
        const ready = Object.values(checks).every((c) => c.status === "ok");
        return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not_ready", checks });
      },
    );
  };
}

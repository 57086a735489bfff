// Live progress: the caller's `cv_progress` and `batch_progress` events over a WebSocket
// (`?token=` auth, as browsers cannot set headers on one) or Server-Sent Events (Bearer auth).
// Events of one CV arrive in the order the bus delivers them; nothing of another user is sent.
import type { ServerResponse } from "node:http";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { WebSocket } from "ws";
import { z } from "zod";
import type { ProgressEvent } from "../../progress/events.ts";
import type { Runtime } from "../../runtime-types.ts";
import { authenticate } from "../auth.ts";
import { ApiProblem } from "../errors.ts";
import { requireAuth, userIdOf } from "../guard.ts";
import { problemSchema } from "../schemas/common.ts";
import { LIVE_MESSAGE_REF, wsParams, wsQuery } from "../schemas/live.ts";

export const WS_CLOSE = { unauthenticated: 4401, forbidden: 4403, shutdown: 1001, tooSlow: 1013 } as const;

export interface LiveOptions {
  /** Interval of WebSocket pings and SSE comment heartbeats. */
  heartbeatMs?: number;
  /** A client that lets this much data pile up unsent is disconnected. */
  maxBufferedBytes?: number;
}

export function liveRoutes(runtime: Runtime, options: LiveOptions = {}): FastifyPluginAsyncZod {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
  // Open connections, closed cleanly before the server stops.
  const closers = new Set<() => void>();

  return async (app) => {
    app.addHook("preClose", async () => {
      for (const close of [...closers]) close();
    });

    app.route({
      method: "GET",
      url: "/cv-processing/ws/:user_id",
      schema: {
        tags: ["live"],
        summary: "WebSocket of the user's progress events (authenticate with ?token=)",
        description:
          "Upgrade with `GET` and `Upgrade: websocket`. Every message is a JSON text frame (`LiveMessage`): " +
          "one `subscribed` message, then `cv_progress` and `batch_progress` events of this user only. " +
          "Close codes: 4401 missing or invalid token, 4403 token of another user, 1001 server shutdown, " +
          "1013 client too slow to read. The server pings; a client that stops answering is dropped.",
        params: wsParams,
        querystring: wsQuery,
        response: {
          101: z.null().describe("Switching Protocols: the socket is open and sends LiveMessage frames"),
          400: problemSchema,
          426: problemSchema,
        },
        // OpenAPI cannot describe messages on a socket: an extension points to their schema.
        "x-websocket-messages": { $ref: LIVE_MESSAGE_REF },
      },
      // A plain HTTP request (no upgrade) on the socket's URL.
      handler: async () => {
        throw new ApiProblem(
          426,
          "upgrade-required",
          "this route is a WebSocket: connect with Upgrade: websocket",
          undefined,
          { upgrade: "websocket" },
        );
      },
      wsHandler: async (socket: WebSocket, request) => {
        const { user_id: userId } = request.params as z.infer<typeof wsParams>;
        const { token } = request.query as z.infer<typeof wsQuery>;
        if (!token) return socket.close(WS_CLOSE.unauthenticated, "missing token");
        const caller = await authenticate(runtime, token).catch(() => null);
        if (!caller) return socket.close(WS_CLOSE.unauthenticated, "invalid token");
        if (caller.userId !== userId) return socket.close(WS_CLOSE.forbidden, "token of another user");
        if (socket.readyState !== socket.OPEN) return;

        let alive = true;
        socket.on("pong", () => {
          alive = true;
        });
        const send = (message: unknown) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > maxBuffered) {
            socket.close(WS_CLOSE.tooSlow, "client too slow");
            return;
          }
          socket.send(JSON.stringify(message));
        };
        const unsubscribe = await runtime.events.subscribe(userId, (event: ProgressEvent) => {
          if (event.user_id === userId) send(event);
        });
        const heartbeat = setInterval(() => {
          if (!alive) return socket.terminate();
          alive = false;
          socket.ping();
        }, heartbeatMs);
        const close = () => socket.close(WS_CLOSE.shutdown, "server shutting down");
        closers.add(close);
        const cleanup = () => {
          clearInterval(heartbeat);
          closers.delete(close);
          unsubscribe().catch((err) => request.log.warn({ err }, "unsubscribe failed"));
        };
        if (socket.readyState !== socket.OPEN) return cleanup();
        socket.on("close", cleanup);
        send({ type: "subscribed", user_id: userId });
      },
    });

    app.register(async (scope) => {
      requireAuth(scope, runtime);
      scope.get(
        "/cv-processing/events",
        {
          schema: {
            tags: ["live"],
            summary: "Server-Sent Events of the caller's progress events",
            description:
              "text/event-stream: `event: subscribed` first, then `event: cv_progress` and " +
              "`event: batch_progress` with the JSON event as data; `: ping` comments as heartbeat.",
            security: [{ bearer: [] }],
            produces: ["text/event-stream"],
            response: { 401: problemSchema },
          },
        },
        async (request, reply) => {
          const userId = userIdOf(request);
          reply.hijack();
          const res: ServerResponse = reply.raw;
          res.writeHead(200, {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-cache, no-transform",
            connection: "keep-alive",
            "x-accel-buffering": "no",
          });
          let id = 0;
          let open = true;
          const write = (chunk: string) => {
            if (!open) return;
            if (res.writableLength > maxBuffered) return end();
            res.write(chunk);
          };
          const writeEvent = (type: string, data: unknown) =>
            write(`id: ${++id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
          const unsubscribe = await runtime.events.subscribe(userId, (event: ProgressEvent) => {
            if (event.user_id === userId) writeEvent(event.type, event);
          });
          const heartbeat = setInterval(() => write(": ping\n\n"), heartbeatMs);
          function end() {
            if (!open) return;
            open = false;
            clearInterval(heartbeat);
            closers.delete(end);
            unsubscribe().catch((err) => request.log.warn({ err }, "unsubscribe failed"));
            res.end();
          }
          closers.add(end);
          res.on("close", end);
          if (res.destroyed) return end();
          write("retry: 3000\n\n");
          writeEvent("subscribed", { type: "subscribed", user_id: userId });
        },
      );
    });
  };
}

// The authentication guard: an onRequest hook for every protected route group, so a request
// without valid credentials is refused before its body is read.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Runtime } from "../runtime-types.ts";
import { authenticate, bearerCredential, type Caller } from "./auth.ts";
import { unauthorized } from "./errors.ts";

declare module "fastify" {
  interface FastifyRequest {
    caller: Caller | null;
  }
}

export function decorateCaller(app: FastifyInstance): void {
  app.decorateRequest("caller", null);
}

/** Adds the guard to the routes of this plugin scope. */
export function requireAuth(scope: FastifyInstance, runtime: Runtime): void {
  scope.addHook("onRequest", async (request) => {
    const credential = bearerCredential(request.headers.authorization);
    if (!credential) throw unauthorized("missing bearer credentials");
    const caller = await authenticate(runtime, credential);
    if (!caller) throw unauthorized("invalid or expired credentials");
    request.caller = caller;
  });
}

/** The authenticated user's id; the guard guarantees it on protected routes. */
export function userIdOf(request: FastifyRequest): string {
  if (!request.caller) throw unauthorized();
  return request.caller.userId;
}

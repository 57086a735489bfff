// Per-account rate limits (route config for @fastify/rate-limit). Counters live in the process:
// with several API replicas each enforces the limit on its own share of traffic.
import type { FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import { ApiProblem } from "./errors.ts";

const MINUTE = 60_000;

function tooMany(_req: FastifyRequest, context: { after: string }) {
  return new ApiProblem(429, "rate-limited", `too many requests, retry in ${context.after}`);
}

/** Registration: per client address (there is no account yet). */
export function registerLimit(config: Config) {
  return {
    max: config.RATE_LIMIT_AUTH_PER_MINUTE,
    timeWindow: MINUTE,
    hook: "preHandler" as const,
    keyGenerator: (req: FastifyRequest) => `register:${req.ip}`,
    errorResponseBuilder: tooMany,
  };
}

/** Login: per account (the email asked for), so guessing one account's password is slowed down. */
export function loginLimit(config: Config) {
  return {
    max: config.RATE_LIMIT_AUTH_PER_MINUTE,
    timeWindow: MINUTE,
    hook: "preHandler" as const,
    keyGenerator: (req: FastifyRequest) => {
      const email = (req.body as { email?: unknown } | undefined)?.email;
      return `login:${typeof email === "string" ? email : req.ip}`;
    },
    errorResponseBuilder: tooMany,
  };
}

/** Authenticated auth routes (API key creation) and uploads: per account. */
export function accountLimit(perMinute: number, name: string) {
  return {
    max: perMinute,
    timeWindow: MINUTE,
    hook: "preHandler" as const,
    keyGenerator: (req: FastifyRequest) => `${name}:${req.caller?.userId ?? req.ip}`,
    errorResponseBuilder: tooMany,
  };
}

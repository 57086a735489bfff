// Per-account rate limits (route config for @fastify/rate-limit). The counters live in the
// runtime's RateLimitStore: in the process in embedded mode, in Redis in distributed mode, so all API
// replicas share one budget per account.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { RateLimitStore } from "../ports.ts";
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

/**
 * The plugin's store interface over a RateLimitStore. Each limited route counts under its own key
 * prefix (method and URL), as the plugin's own stores do.
 *
 * A store that fails (Redis unreachable or slow) fails open: the request goes through unlimited
 * (the plugin's skipOnError) and a warning is logged once per outage. An outage of the limiter must
 * not take the API down with it; the store bounds how long a request waits for it. Such a response
 * carries no rate-limit headers (dropUncountedLimitHeaders).
 */
export function pluginStore(store: RateLimitStore, log: FastifyBaseLogger): FastifyRateLimitStoreCtor {
  let failing = false;
  const scoped = (scope: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      store.hit(scope + key, timeWindow).then(
        ({ count, resetAt }) => {
          if (failing) {
            failing = false;
            log.info("rate-limit store answers again; limits apply");
          }
          callback(null, { current: count, ttl: Math.max(0, resetAt - Date.now()) });
        },
        (err: unknown) => {
          if (!failing) {
            failing = true;
            log.warn({ err }, "rate-limit store unavailable; requests are not limited until it answers");
          }
          callback(err instanceof Error ? err : new Error(String(err)));
        },
      );
    },
    child(routeOptions: unknown) {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return scoped(`${String(route?.method ?? "")}${String(route?.url ?? "")}:`);
    },
  });
  // The plugin constructs the store with `new`; a constructor returning an object yields that object.
  return function Store() {
    return scoped("");
  } as unknown as FastifyRateLimitStoreCtor;
}

// The headers the plugin puts on a response it lets through (its default names: the draft-spec
// names are not enabled in rateLimitPluginOptions).
const LIMIT = "x-ratelimit-limit";
const REMAINING = "x-ratelimit-remaining";
const RESET = "x-ratelimit-reset";

/**
 * A response whose request the store could not count carries no rate-limit headers: the limit is
 * not being enforced, and the plugin would still announce the full budget (skipping a store error,
 * it counts the request as 0, so remaining = limit). A counted request never looks like that: the
 * store's count includes the request itself, so remaining is below the limit, and a refused one is
 * sent with Retry-After.
 */
export const dropUncountedLimitHeaders = async (
  _req: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
) => {
  const limit = reply.getHeader(LIMIT);
  if (limit !== undefined && reply.getHeader(REMAINING) === limit && !reply.hasHeader("retry-after")) {
    reply.removeHeader(LIMIT).removeHeader(REMAINING).removeHeader(RESET);
  }
  return payload;
};

/** Plugin options: limits only on the routes that ask for one, counted in the given store. */
export function rateLimitPluginOptions(store: RateLimitStore, log: FastifyBaseLogger) {
  return { global: false, skipOnError: true, store: pluginStore(store, log) };
}

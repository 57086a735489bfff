// Per-account rate limits (route config for @fastify/rate-limit). The counters live in the
// runtime's RateLimitStore: in the process in embedded mode, in Redis in distributed mode, so all API
// replicas share one budget per account.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import type { FastifyBaseLogger, FastifyRequest } from "fastify";
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
 * not take the API down with it; the store bounds how long a request waits for it.
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

/** Plugin options: limits only on the routes that ask for one, counted in the given store. */
export function rateLimitPluginOptions(store: RateLimitStore, log: FastifyBaseLogger) {
  return { global: false, skipOnError: true, store: pluginStore(store, log) };
}

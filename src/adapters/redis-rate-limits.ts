// Distributed rate-limit counters: one Redis key per window, so every API replica counts against the
// same budget.
import { Redis } from "ioredis";
import type { RateLimitStore } from "../ports.ts";

// INCR and the expiry in one atomic step: the first hit of a window sets its length, later hits keep
// it. A key without an expiry (never expected) gets one rather than limiting forever.
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type HitCommand = (key: string, windowMs: number) => Promise<[number, number]>;

export interface RedisRateLimitOptions {
  /** A request waits at most this long for Redis before the limiter gives up on it. */
  commandTimeoutMs?: number;
}

export async function createRedisRateLimitStore(
  url: string,
  prefix: string,
  options: RedisRateLimitOptions = {},
): Promise<RateLimitStore> {
  // While Redis is away, commands fail at once (no offline queue) or after the timeout, never wait
  // for a reconnect: the caller lets the request through rather than holding it.
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 500,
    enableAutoPipelining: true,
  });
  // Failures surface through the commands (and are logged by the caller); the connection's own error
  // events would otherwise be printed as unhandled.
  redis.on("error", () => {});
  redis.defineCommand("cvflowRateHit", { numberOfKeys: 1, lua: HIT });
  await redis.connect();
  const hitCommand = (redis as unknown as { cvflowRateHit: HitCommand }).cvflowRateHit.bind(redis);

  return {
    async hit(key, windowMs) {
      const [count, ttl] = await hitCommand(`${prefix}:ratelimit:${key}`, windowMs);
      return { count, resetAt: Date.now() + ttl };
    },
    async close() {
      redis.disconnect();
    },
  };
}

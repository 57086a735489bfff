// Credentials: argon2id password hashes, signed access tokens (HS256 JWT), and API keys that are
// stored only as SHA-256 hashes (a key is high-entropy, so a fast hash is enough and lookups stay
// a single indexed equality).
import { createHash, randomBytes } from "node:crypto";
import argon2 from "argon2";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Database } from "../db/database.ts";
import { apiKeys, users } from "../db/schema.ts";

export const API_KEY_PREFIX = "cvf_";
const ISSUER = "cvflow";
const AUDIENCE = "cvflow-api";

export interface Caller {
  userId: string;
  via: "token" | "api_key";
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash (e.g. a placeholder) never matches.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real check, so a login for an unknown email is not faster. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}

export function signAccessToken(secret: Uint8Array, userId: string, ttlSeconds: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(secret);
}

/** The user id of a valid, unexpired token; null for anything else. */
export async function verifyAccessToken(secret: Uint8Array, token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    return typeof payload.sub === "string" ? payload.sub : null;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Resolves a bearer credential (access token or API key) to its user; null when it is not valid. */
export async function authenticate(
  deps: { db: Database; jwtSecret: Uint8Array },
  credential: string,
): Promise<Caller | null> {
  if (credential.startsWith(API_KEY_PREFIX)) {
    const rows = await deps.db
      .select({ id: apiKeys.id, userId: apiKeys.userId })
      .from(apiKeys)
      .where(eq(apiKeys.keyHash, hashApiKey(credential)));
    const row = rows[0];
    if (!row) return null;
    void touchApiKey(deps.db, row.id).catch(() => {});
    return { userId: row.userId, via: "api_key" };
  }
  const userId = await verifyAccessToken(deps.jwtSecret, credential);
  if (!userId || !UUID.test(userId)) return null;
  // A token outlives nothing: a deleted account's tokens stop working at once.
  const rows = await deps.db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return rows[0] ? { userId, via: "token" } : null;
}

/** Records use at most once a minute per key, so authentication does not write on every request. */
async function touchApiKey(db: Database, id: string): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.id, id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
      ),
    );
}

/** The credential of an `Authorization: Bearer ...` header, or null. */
export function bearerCredential(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

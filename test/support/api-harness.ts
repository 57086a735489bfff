// A runtime in either mode (embedded: in-memory PGlite and temp-dir storage; distributed: a fresh
// PostgreSQL database, Redis prefix and S3 bucket) with the HTTP app on top, driven through
// app.inject; plus small helpers to register accounts and make authenticated requests.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { type AppOptions, buildApp } from "../../src/app.ts";
import { createRuntime, type Role } from "../../src/runtime.ts";
import type { Runtime } from "../../src/runtime-types.ts";
import { createModeEnvironment, distributedServicesAvailable } from "./services.ts";

export type Mode = "embedded" | "distributed";

/** The modes this machine can run: embedded always, distributed when PostgreSQL and Redis answer
 *  (when CVFLOW_REQUIRE_SERVICES=true, as in CI, their absence is an error instead). */
export const MODES: Mode[] = (await distributedServicesAvailable())
  ? ["embedded", "distributed"]
  : ["embedded"];

export interface ApiHarness {
  mode: Mode;
  runtime: Runtime;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startApi(
  options: { mode?: Mode; env?: Record<string, string>; role?: Role; app?: AppOptions } = {},
): Promise<ApiHarness> {
  const mode = options.mode ?? "embedded";
  const environment = await createModeEnvironment(mode, options.env);
  try {
    const runtime = await createRuntime(environment.config(), { role: options.role ?? "api" });
    const app = await buildApp(runtime, options.app);
    await app.ready();
    return {
      mode,
      runtime,
      app,
      async close() {
        // Each step runs even when an earlier one fails (tests break the database on purpose).
        await app.close().catch(() => {});
        await runtime.close().catch(() => {});
        await environment.cleanup();
      },
    };
  } catch (error) {
    await environment.cleanup();
    throw error;
  }
}

export const API = "/api/v1";

export interface Account {
  id: string;
  email: string;
  token: string;
  auth: { authorization: string };
}

let accountSeq = 0;

export async function register(app: FastifyInstance, name = "user"): Promise<Account> {
  const email = `${name}-${++accountSeq}-${Date.now()}@example.com`;
  const res = await app.inject({
    method: "POST",
    url: `${API}/auth/register`,
    payload: { email, password: "correct horse battery", name },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string }; access_token: string };
  return {
    id: body.user.id,
    email,
    token: body.access_token,
    auth: { authorization: `Bearer ${body.access_token}` },
  };
}

/** inject with the account's credentials. */
export function as(app: FastifyInstance, account: Pick<Account, "auth">) {
  return (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...options, headers: { ...account.auth, ...options.headers } });
}

/** A multipart/form-data body with the given files (all in field `files` unless named otherwise). */
export function multipart(
  files: Array<{ filename: string; bytes: Uint8Array | string; field?: string; contentType?: string }>,
  extraFields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cvflow${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(extraFields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? "files"}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.contentType ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

// Embedded database: PGlite (PostgreSQL compiled to WebAssembly) on disk, or in memory for tests.
// PGlite runs in its own thread (pglite-thread.ts) so its synchronous work never stalls the event
// loop that serves the API and drives the pipeline. Drizzle talks to it through a small client
// with the part of PGlite's interface Drizzle uses: query and transaction.
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { type DatabaseHandle, MIGRATIONS_FOLDER } from "./database.ts";
import * as schema from "./schema.ts";

export type ThreadRequest =
  | {
      id: number;
      op: "query";
      sql: string;
      params: unknown[];
      rowMode: "array" | "object";
      /** Type ids to return as the raw text (see rawTextTypes). */
      rawTypes: number[];
    }
  | { id: number; op: "exec"; sql: string }
  /** The data directory as an uncompressed tarball (Uint8Array), for a template. */
  | { id: number; op: "dump" }
  | { id: number; op: "close" };

export type SerializedError = Record<string, string | number | boolean>;

export type ThreadReply =
  | { type: "ready" }
  | { type: "failed"; error: SerializedError }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: SerializedError };

/** An error's message, name and scalar fields (PostgreSQL's code, detail, constraint…) only. */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { message: String(error), name: "Error" };
  const out: SerializedError = { message: error.message, name: error.name };
  for (const [key, value] of Object.entries(error)) {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      out[key] = value;
  }
  return out;
}

function reviveError(fields: SerializedError): Error {
  const error = new Error(String(fields.message));
  return Object.assign(error, fields);
}

/**
 * Drizzle passes parsers that keep some types as text (identity functions). Functions cannot
 * cross threads, so only their type ids travel; anything else is refused rather than ignored.
 */
function rawTextTypes(options: QueryOptions | undefined): number[] {
  const parsers = options?.parsers ?? {};
  return Object.entries(parsers).map(([id, parse]) => {
    if (parse("2000-01-01", Number(id)) !== "2000-01-01") {
      throw new Error(`embedded database: only raw-text parsers can be sent to its thread (type ${id})`);
    }
    return Number(id);
  });
}

interface ThreadClient {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<Results[]>;
  dump(): Promise<Uint8Array>;
  transaction<T>(
    work: (tx: ThreadClient & { rollback(): Promise<void>; closed: boolean }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}

async function startThread(dataDir: string, templatePath: string | undefined): Promise<ThreadClient> {
  const worker = new Worker(new URL("./pglite-thread-entry.mjs", import.meta.url), {
    workerData: { dataDir, templatePath },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`embedded database thread exited (code ${code})`));
    worker.once("error", reject);
    worker.once("exit", onExit);
    worker.once("message", (message: ThreadReply) => {
      worker.off("error", reject);
      worker.off("exit", onExit);
      if ("type" in message && message.type === "ready") resolve();
      else reject(reviveError("error" in message ? message.error : { message: "unexpected reply" }));
    });
  });

  const stop = (error: Error) => {
    stopped ??= error;
    for (const call of pending.values()) call.reject(stopped);
    pending.clear();
    worker.unref();
  };
  worker.on("message", (message: ThreadReply) => {
    if (!("id" in message)) return;
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.ok) call.resolve(message.result);
    else call.reject(reviveError(message.error));
    // Idle, the thread must not keep the process alive; busy, it must (a script awaiting a query).
    if (pending.size === 0) worker.unref();
  });
  worker.on("error", (error) => stop(new Error(`embedded database thread failed: ${error.message}`)));
  worker.on("exit", (code) => stop(new Error(`embedded database thread stopped (code ${code})`)));
  worker.unref();

  const send = <T>(request: Omit<ThreadRequest, "id"> & { op: ThreadRequest["op"] }): Promise<T> => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref();
      worker.postMessage({ ...request, id });
    });
  };
  const query = <T>(text: string, params: unknown[] = [], options?: QueryOptions) =>
    send<Results<T>>({
      op: "query",
      sql: text,
      params,
      rowMode: options?.rowMode ?? "object",
      rawTypes: rawTextTypes(options),
    } as ThreadRequest);
  const exec = (text: string) => send<Results[]>({ op: "exec", sql: text } as ThreadRequest);

  // The thread runs statements in arrival order on one session, so while a transaction is open
  // other statements wait here, outside it, instead of landing inside it.
  let openTransaction: Promise<void> | null = null;
  const outsideTransaction = async () => {
    while (openTransaction) await openTransaction;
  };

  const client: ThreadClient = {
    query: (text, params, options) =>
      openTransaction
        ? outsideTransaction().then(() => query(text, params, options))
        : query(text, params, options),
    exec: (text) => (openTransaction ? outsideTransaction().then(() => exec(text)) : exec(text)),
    async dump() {
      await outsideTransaction();
      return send<Uint8Array>({ op: "dump" } as ThreadRequest);
    },
    async transaction(work) {
      await outsideTransaction();
      let release = () => {};
      openTransaction = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tx = {
        closed: false,
        query,
        exec,
        dump: () => Promise.reject(new Error("cannot dump the database inside a transaction")),
        transaction: () => Promise.reject(new Error("use savepoints for nested transactions")),
        close: () => Promise.reject(new Error("cannot close the database inside a transaction")),
        async rollback() {
          tx.closed = true;
          await exec("ROLLBACK");
        },
      };
      try {
        await exec("BEGIN");
        const result = await work(tx);
        if (!tx.closed) await exec("COMMIT");
        return result;
      } catch (error) {
        if (!tx.closed) await exec("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        tx.closed = true;
        openTransaction = null;
        release();
      }
    },
    async close() {
      if (stopped) return;
      await outsideTransaction();
      await send({ op: "close" } as ThreadRequest).catch(() => {});
      await worker.terminate();
    },
  };
  return client;
}

/**
 * `template`: a file holding a migrated database as a tarball (see writePgliteTemplate). Only an
 * in-memory database (tests) starts from it, instead of running initdb, which takes seconds; an
 * on-disk one ignores it. Callers still migrate (a no-op on an up-to-date template), so a stale
 * template cannot skip a migration.
 */
export async function openPglite(
  dataDir: string,
  options: { template?: string } = {},
): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  return handleOn(await startThread(dataDir, inMemory ? options.template || undefined : undefined));
}

function handleOn(client: ThreadClient): DatabaseHandle {
  // Drizzle's PGlite driver uses only query() and transaction(), which the thread client provides.
  const db = drizzle({ client: client as unknown as PGlite, schema });
  return {
    db,
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** Initialises and migrates a fresh in-memory database and writes it to `file` as a template. */
export async function writePgliteTemplate(file: string): Promise<void> {
  const client = await startThread("memory://", undefined);
  try {
    await handleOn(client).migrate();
    await writeFile(file, await client.dump());
  } finally {
    await client.close();
  }
}

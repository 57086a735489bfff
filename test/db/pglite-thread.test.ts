// The embedded database runs PGlite in its own thread; these check that the client Drizzle talks
// to keeps PostgreSQL's semantics across the thread boundary.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { queryRows } from "../../src/db/database.ts";
import { openPglite } from "../../src/db/pglite.ts";
import { openMemoryPglite } from "../support/pglite-memory.ts";

let handle: DatabaseHandle;

// Opening PGlite runs initdb (seconds), so the tests share one database and a fresh table.
beforeAll(async () => {
  handle = await openMemoryPglite();
});

beforeEach(async () => {
  await handle.db.execute(sql`drop table if exists t`);
  await handle.db.execute(sql`create table t (id int primary key, note text, at timestamptz, doc jsonb)`);
});

afterAll(async () => {
  await handle.close();
});

describe("PGlite in its own thread", () => {
  it("returns typed values: jsonb as objects, timestamps as Drizzle asks", async () => {
    await handle.db.execute(sql`insert into t values (1, 'a', '2026-01-02T03:04:05Z', '{"k":[1,2]}')`);
    const [row] = await queryRows<{ id: number; doc: unknown; at: unknown }>(handle.db, sql`select * from t`);
    expect(row).toMatchObject({ id: 1, doc: { k: [1, 2] } });
    expect(typeof row?.at).toBe("string");
  });

  it("keeps statements issued during a transaction outside it", async () => {
    let outside: Promise<unknown> = Promise.resolve();
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`insert into t (id, note) values (1, 'in the transaction')`);
        // Issued while the transaction is open, by code that is not part of it.
        outside = handle.db.execute(sql`insert into t (id, note) values (2, 'outside')`);
        await tx.execute(sql`insert into t (id, note) values (3, 'in the transaction')`);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await outside;
    const rows = await queryRows<{ id: number }>(handle.db, sql`select id from t order by id`);
    expect(rows.map((r) => r.id)).toEqual([2]);
  });

  it("commits a transaction and runs queued transactions one after another", async () => {
    await Promise.all(
      [1, 2, 3].map((id) =>
        handle.db.transaction(async (tx) => {
          await tx.execute(sql`insert into t (id, note) values (${id}, 'x')`);
          await tx.execute(sql`update t set note = 'y' where id = ${id}`);
        }),
      ),
    );
    const rows = await queryRows<{ id: number; note: string }>(
      handle.db,
      sql`select id, note from t order by id`,
    );
    expect(rows).toEqual([
      { id: 1, note: "y" },
      { id: 2, note: "y" },
      { id: 3, note: "y" },
    ]);
  });

  it("passes PostgreSQL's error fields back (code, constraint)", async () => {
    await handle.db.execute(sql`insert into t (id) values (1)`);
    const error = await handle.db.execute(sql`insert into t (id) values (1)`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    // Drizzle wraps the driver's error; PostgreSQL's fields are on its cause.
    const cause = (error as Error & { cause?: Record<string, unknown> }).cause ?? error;
    expect(cause).toMatchObject({ code: "23505", constraint: "t_pkey" });
    // The session is still usable after an error.
    expect(await queryRows(handle.db, sql`select count(*)::int as n from t`)).toEqual([{ n: 1 }]);
  });

  it("rejects queries after close instead of hanging", async () => {
    const own = await openMemoryPglite();
    await own.close();
    const error = await own.db.execute(sql`select 1`).catch((e: unknown) => e);
    expect(String((error as Error & { cause?: unknown }).cause)).toMatch(/embedded database thread stopped/);
    await own.close(); // closing twice is harmless
  });

  it("fails to open with the reason when the data directory is unusable", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cvflow-pglite-"));
    try {
      await writeFile(path.join(dir, "a-file"), "not a directory");
      await expect(openPglite(path.join(dir, "a-file", "pglite"))).rejects.toThrow(/ENOTDIR|not a directory/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// In-memory databases start from the migrated template written by the global setup
// (test/support/pglite-template.ts) instead of running initdb; each must still be its own database,
// and on-disk databases (production) must not use the template at all.
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../src/db/database.ts";
import { MIGRATIONS_FOLDER, queryRows } from "../../src/db/database.ts";
import { openPglite } from "../../src/db/pglite.ts";
import { users } from "../../src/db/schema.ts";
import { createUser } from "../support/db-fixtures.ts";
import { openMemoryPglite, PGLITE_TEMPLATE_ENV } from "../support/pglite-memory.ts";

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
  entries: unknown[];
};

async function appliedMigrations(handle: DatabaseHandle): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return rows[0]!.n;
}

async function userCount(handle: DatabaseHandle): Promise<number> {
  return (await handle.db.select({ id: users.id }).from(users)).length;
}

describe("in-memory databases from the template", () => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;

  beforeAll(async () => {
    [a, b] = await Promise.all([openMemoryPglite(), openMemoryPglite()]);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  // Undefined would mean the global setup did not run; empty is someone turning templates off.
  it.skipIf(process.env[PGLITE_TEMPLATE_ENV] === "")("are opened from the global setup's template", () => {
    expect(process.env[PGLITE_TEMPLATE_ENV]).toBeTruthy();
  });

  it("come with every migration applied, and migrating again changes nothing", async () => {
    if (process.env[PGLITE_TEMPLATE_ENV]) expect(await appliedMigrations(a)).toBe(journal.entries.length);
    await a.migrate();
    expect(await appliedMigrations(a)).toBe(journal.entries.length);
  });

  it("are independent: a row written in one is not in the other", async () => {
    await b.migrate(); // a no-op from the template; needed when templates are turned off
    await createUser(a.db);
    expect(await userCount(a)).toBe(1);
    expect(await userCount(b)).toBe(0);
  });
});

describe("on-disk databases", () => {
  it("ignore the template: initdb, then migrations apply as in production", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cvflow-pglite-"));
    const handle = await openPglite(path.join(dir, "pglite"), { template: process.env[PGLITE_TEMPLATE_ENV] });
    try {
      const tables = await queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`,
      );
      expect(tables).toEqual([{ n: 0 }]);
      await handle.migrate();
      expect(await appliedMigrations(handle)).toBe(journal.entries.length);
    } finally {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

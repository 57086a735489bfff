// Distributed database: PostgreSQL through node-postgres.
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { type DatabaseHandle, MIGRATIONS_FOLDER } from "./database.ts";
import * as schema from "./schema.ts";

export async function openPostgres(url: string, poolSize = 10): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const db = drizzle({ client: pool, schema });
  return {
    db,
    migrate: async () => {
      // Several processes may start at once; an advisory lock lets one migrate while the others
      // wait. The migration runs on the locking connection itself, so a pool of one cannot deadlock.
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock(7461001)");
        await migrate(drizzle({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query("select pg_advisory_unlock(7461001)").catch(() => {});
        client.release();
      }
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

// Vitest global setup: one initialised, migrated in-memory PGlite database serves as the template
// every in-memory database of every test file starts from (PGLITE_TEMPLATE), instead of
// each file paying seconds of initdb. The tarball is kept in node_modules/.cache under a key of the
// migrations and the PGlite version, so later runs (a single test file) skip building it; tests
// still migrate, so even a stale template could not skip a migration. Setting
// PGLITE_TEMPLATE yourself (empty: no template) overrides all this.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { access, mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "../../src/db/database.ts";
import { writePgliteTemplate } from "../../src/db/pglite.ts";
import { PGLITE_TEMPLATE_ENV } from "./pglite-memory.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "cvflow");

function templateKey(): string {
  const hash = createHash("sha256");
  const pglite = path.join(ROOT, "node_modules", "@electric-sql", "pglite", "package.json");
  hash.update((JSON.parse(readFileSync(pglite, "utf8")) as { version: string }).version);
  for (const name of readdirSync(MIGRATIONS_FOLDER, { recursive: true, encoding: "utf8" }).sort()) {
    if (!name.endsWith(".sql") && !name.endsWith(".json")) continue;
    hash.update(name).update(readFileSync(path.join(MIGRATIONS_FOLDER, name)));
  }
  return hash.digest("hex").slice(0, 16);
}

export default async function setup(): Promise<void> {
  if (process.env[PGLITE_TEMPLATE_ENV] !== undefined) return;
  const file = path.join(CACHE_DIR, `pglite-template-${templateKey()}.tar`);
  const exists = await access(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(CACHE_DIR, { recursive: true });
    // Written aside and renamed: an interrupted run never leaves a partial template behind.
    const partial = `${file}.${process.pid}.partial`;
    await writePgliteTemplate(partial);
    await rename(partial, file);
    // Templates of older migrations are of no further use (another run's partial file is left be).
    for (const name of await readdir(CACHE_DIR)) {
      const other = path.join(CACHE_DIR, name);
      if (name.startsWith("pglite-template-") && name.endsWith(".tar") && other !== file)
        await rm(other, { force: true });
    }
  }
  // Test workers are started after global setup and inherit this environment.
  process.env[PGLITE_TEMPLATE_ENV] = file;
}

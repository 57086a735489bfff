// An in-memory embedded database for a test, started from the template the global setup made
// (test/support/pglite-template.ts) when there is one.
import type { DatabaseHandle } from "../../src/db/database.ts";
import { openPglite } from "../../src/db/pglite.ts";

export const PGLITE_TEMPLATE_ENV = "PGLITE_TEMPLATE";

export function openMemoryPglite(): Promise<DatabaseHandle> {
  return openPglite("memory://", { template: process.env[PGLITE_TEMPLATE_ENV] });
}

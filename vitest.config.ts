import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // One migrated in-memory database, copied by every test's in-memory database (no initdb each).
    globalSetup: ["test/support/pglite-template.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Two cores on CI: more parallel files only add contention for PGlite and the PDF workers.
    maxWorkers: 2,
  },
});

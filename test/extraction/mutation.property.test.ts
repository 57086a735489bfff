// Mutated PDFs and DOCX files: every one ends in a document or an ExtractionError, never a crash or a hang
// (the pool's time limit turns a hang into a "timeout" failure, which also counts as a clean ending).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { generateExtractionFixtures } from "../../scripts/make-extraction-fixtures.ts";
import { createExtractionPool } from "../../src/extraction/pool.ts";
import { ExtractionError } from "../../src/extraction/types.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cvflow-mutation-"));
const { cvs } = await generateExtractionFixtures(dir);
const seedOf = (ext: string) =>
  new Uint8Array(fs.readFileSync(path.join(dir, cvs.find((c) => c.file.endsWith(ext))!.file)));
const seeds = { pdf: seedOf(".pdf"), docx: seedOf(".docx") };
const pool = createExtractionPool({
  size: 2,
  limits: { maxPages: 20, timeoutMs: 10_000, maxUnzippedBytes: 20_000_000 },
});

afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Mutation =
  | { kind: "flip"; at: number; value: number }
  | { kind: "truncate"; at: number }
  | { kind: "insert"; at: number; bytes: number[] }
  | { kind: "delete"; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 512 }) }),
);

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === "flip") bytes[at] = m.value;
    else if (m.kind === "truncate") bytes = bytes.slice(0, at);
    else if (m.kind === "insert") bytes.splice(at, 0, ...m.bytes);
    else bytes.splice(at, m.length);
  }
  return new Uint8Array(bytes);
}

describe("mutated documents", () => {
  for (const [format, seed] of Object.entries(seeds)) {
    it(`${format}: a result or an ExtractionError for every mutation`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 6 }), async (mutations) => {
          const bytes = mutate(seed, mutations);
          const outcome = await pool.extract(bytes, `mutated.${format}`).then(
            (doc) => doc,
            (err: unknown) => err,
          );
          if (outcome instanceof Error) {
            expect(outcome).toBeInstanceOf(ExtractionError);
          } else {
            expect(typeof (outcome as { text: unknown }).text).toBe("string");
          }
        }),
        { numRuns: 60, seed: 4242 },
      );
    }, 300_000);
  }
});

// ETA accuracy: a batch runs with a fake engine whose latency varies per CV (seeded, 100–500 ms),
// at concurrency 8. When 10%, 50% and 90% of the batch is done, the queue status's
// estimated_time_seconds is recorded and later compared with the time the batch actually took to
// finish. The design document's formula (remaining × mean of created → processed) is printed beside it.
import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { cvs } from "../src/db/schema.ts";
import { matchCv } from "../src/matching/deterministic-matcher.ts";
import { jdRequirementsSchema } from "../src/matching/jd-schema.ts";
import { emptyParsedCv } from "../src/parsing/schema.ts";
import type { CvEngine } from "../src/pipeline/engine.ts";
import { createRuntime } from "../src/runtime.ts";
import { createBatch, createJd, createUser, upload } from "../test/support/pipeline-harness.ts";
import { createModeEnvironment } from "../test/support/services.ts";

const CVS = 200;
const CONCURRENCY = 8;

function variableLatencyEngine(seed: number): CvEngine {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const parsed = { ...emptyParsedCv(), candidate_name: "Bench" };
  const jd = {
    title: "Engineer",
    description: "",
    location: null,
    requirements: jdRequirementsSchema.parse({ required_skills: [{ skill: "Python" }] }),
  };
  const match = matchCv({ parsed, jd, cvText: "", redFlags: [], now: new Date() });
  return {
    name: "variable-latency-fake",
    parse: async () => {
      await sleep(100 + random() * 400);
      return { parsed, calls: [] };
    },
    match: async () => ({ match, calls: [] }),
  };
}

export async function run(): Promise<void> {
  const env = await createModeEnvironment("embedded", { LOG_LEVEL: "warn", DEFAULT_CV_SECONDS: "40" });
  const runtime = await createRuntime(env.config(), {
    engine: variableLatencyEngine(42),
    concurrency: CONCURRENCY,
  });
  try {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Engineer", {
      required_skills: [{ skill: "Python", importance: "critical" }],
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    await upload(
      runtime,
      userId,
      batchId,
      Array.from({ length: CVS }, (_, i) => ({
        filename: `cv-${i}.txt`,
        bytes: Buffer.from(`Candidate ${i}\nPython developer\n`),
      })),
    );
    let finished = 0;
    const checkpoints = [0.1, 0.5, 0.9];
    const samples: Array<{ at: number; t: number; eta: number; naive: number }> = [];
    const pending: Array<Promise<void>> = [];
    const stop = await runtime.events.subscribe(userId, (e) => {
      if (e.type !== "cv_progress" || (e.stage !== "COMPLETED" && e.stage !== "FAILED")) return;
      finished++;
      const at = checkpoints.find((c) => finished === Math.round(c * CVS));
      if (at === undefined) return;
      const t = performance.now();
      pending.push(
        Promise.all([runtime.scheduler.queueStatus(batchId), naiveEstimate(runtime.db, batchId)]).then(
          ([status, naive]) => {
            samples.push({ at, t, eta: status.estimated_time_seconds, naive });
          },
        ),
      );
    });
    await runtime.scheduler.queueBatch(userId, batchId);
    for (let i = 0; i < 6000 && finished < CVS; i++) await sleep(50);
    const end = performance.now();
    await Promise.all(pending);
    await stop();
    console.log(`ETA accuracy: ${CVS} CVs, concurrency ${CONCURRENCY}, service time 100–500 ms (seeded)`);
    for (const s of samples.sort((a, b) => a.at - b.at)) {
      const actual = (end - s.t) / 1000;
      const err = (x: number) =>
        `${x - actual >= 0 ? "+" : ""}${(x - actual).toFixed(1)} s (${(((x - actual) / actual) * 100).toFixed(0)}%)`;
      console.log(
        `  at ${String(s.at * 100).padStart(2)}% done: actual remaining ${actual.toFixed(1)} s; cvflow ETA ${s.eta} s, error ${err(s.eta)}; ` +
          `design-doc formula ${s.naive.toFixed(0)} s, error ${err(s.naive)}`,
      );
    }
  } finally {
    await runtime.close();
    await env.cleanup();
  }
}

/** The design document's estimate: remaining CVs × mean (processed_at − created_at). */
async function naiveEstimate(db: import("../src/db/database.ts").Database, batchId: string): Promise<number> {
  const rows = await db.select().from(cvs).where(eq(cvs.batchId, batchId));
  const done = rows.filter((r) => r.processedAt);
  const avg =
    done.length === 0
      ? 40
      : done.reduce((sum, r) => sum + (r.processedAt!.getTime() - r.createdAt.getTime()) / 1000, 0) /
        done.length;
  return (rows.length - done.length) * avg;
}

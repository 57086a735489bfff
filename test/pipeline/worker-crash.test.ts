// Distributed mode: real `cvflow worker` processes on BullMQ. One is SIGKILLed while it holds jobs;
// BullMQ's stalled-job check hands them to the other, and every CV completes exactly once.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cvStageTimings, cvs } from "../../src/db/schema.ts";
import type { ProgressEvent } from "../../src/progress/events.ts";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { makeCvFiles } from "../support/cv-fixtures.ts";
import {
  createBatch,
  createJd,
  createUser,
  upload,
  waitForBatch,
  waitForEvents,
} from "../support/pipeline-harness.ts";
import {
  createModeEnvironment,
  distributedServicesAvailable,
  type ModeEnvironment,
} from "../support/services.ts";

const available = await distributedServicesAvailable();
const CLI = path.resolve(import.meta.dirname, "../../bin/cvflow.js");

let env: ModeEnvironment;
let api: CvflowRuntime;
const workers: ChildProcess[] = [];

function startWorker(name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, "worker", "--concurrency", "3"], {
    env: { ...process.env, ...env.env, LOG_LEVEL: "info", CI: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("worker started")) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${output}`));
    });
  });
}

beforeAll(async () => {
  if (!available) return;
  // Short locks so the test sees a takeover within seconds rather than the production 30 s.
  env = await createModeEnvironment("distributed", { JOB_LOCK_MS: "2000", JOB_STALLED_CHECK_MS: "1000" });
  api = await createRuntime(env.config(), { role: "api" });
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
  await api?.close();
  await env?.cleanup();
});

it.runIf(available)(
  "a SIGKILLed worker's CVs are finished by another worker, each exactly once",
  async () => {
    const userId = await createUser(api.db);
    const jdId = await createJd(api.db, userId, "Backend Engineer", {
      required_skills: [{ skill: "Python", importance: "critical" }],
    });
    const batchId = await createBatch(api.db, userId, jdId);
    const ids = await upload(api, userId, batchId, await makeCvFiles(24));
    const events: ProgressEvent[] = [];
    const stop = await api.events.subscribe(userId, (e) => events.push(e));

    const first = await startWorker("worker A");
    first.removeAllListeners("exit");
    await api.scheduler.queueBatch(userId, batchId);
    // Kill A as soon as it has taken jobs: it is then mid-job by construction.
    await waitForEvents(() => events.some((e) => e.type === "cv_progress" && e.stage === "DOWNLOADING"));
    first.kill("SIGKILL");
    const second = await startWorker("worker B");
    second.removeAllListeners("exit");

    const rows = await waitForBatch(api.db, batchId, 120_000);
    await waitForEvents(() =>
      ids.every((id) =>
        events.some((e) => e.type === "cv_progress" && e.cv_id === id && e.stage === "COMPLETED"),
      ),
    );
    await stop();

    expect(rows.every((r) => r.status === "completed")).toBe(true);
    // At least one CV was taken over after the kill (claimed twice in the same run).
    expect(rows.some((r) => r.attempts >= 2)).toBe(true);
    for (const id of ids) {
      const completions = events.filter(
        (e) => e.type === "cv_progress" && e.cv_id === id && e.stage === "COMPLETED",
      );
      expect(completions).toHaveLength(1);
      const timings = await api.db.select().from(cvStageTimings).where(eq(cvStageTimings.cvId, id));
      expect(new Set(timings.map((t) => t.stage)).size).toBe(timings.length);
    }
    expect(await api.db.select({ id: cvs.id }).from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(24);
    second.kill("SIGTERM");
  },
);

// `cvflow process <files or folders> [--jd jd.txt] [--json out.json]`: screens CVs in a local
// embedded store with a live progress bar, then prints a ranked table.
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { loadConfig, parseConfig } from "../config.ts";
import type { Database } from "../db/database.ts";
import { cvBatches, cvs, jobDescriptions, users } from "../db/schema.ts";
import { storeCvFile } from "../intake/store-cv-file.ts";
import { deriveJdRequirements } from "../matching/jd-builder.ts";
import type { ProgressEvent } from "../progress/events.ts";
import { createRuntime } from "../runtime.ts";
import { type RankedCv, rankResults, renderTable } from "./ranked-table.ts";

const CLI_USER_EMAIL = "cli@localhost";

export async function runProcessCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jd: { type: "string" },
      json: { type: "string" },
      concurrency: { type: "string" },
      "timeout-minutes": { type: "string", default: "60" },
    },
  });
  if (positionals.length === 0) {
    console.error("cvflow process: name at least one CV file or folder");
    return 1;
  }
  const files = await collectFiles(positionals);
  if (files.length === 0) {
    console.error("cvflow process: no files found");
    return 1;
  }
  const base = loadConfig();
  // Its own embedded store, so it can run while `cvflow start` holds the service's one.
  const config = parseConfig({
    ...process.env,
    CVFLOW_MODE: "embedded",
    DATA_DIR: path.join(base.DATA_DIR, "cli"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    WORKER_CONCURRENCY: values.concurrency ?? String(base.WORKER_CONCURRENCY),
  });
  const runtime = await createRuntime(config, { role: "all" });
  try {
    const userId = await cliUser(runtime.db);
    const jdId = values.jd ? await createJd(runtime.db, userId, await readFile(values.jd, "utf8")) : null;
    const [batch] = await runtime.db
      .insert(cvBatches)
      .values({ userId, title: `CLI run ${new Date().toISOString()}`, jobDescriptionId: jdId })
      .returning({ id: cvBatches.id });
    const batchId = batch!.id;

    const rejected: RankedCv[] = [];
    for (const file of files) {
      const outcome = await storeCvFile(
        { db: runtime.db, storage: runtime.storage, maxFileBytes: config.UPLOAD_MAX_FILE_BYTES },
        { userId, batchId, filename: path.basename(file), bytes: await readFile(file) },
      );
      if (outcome.status === "rejected") rejected.push(rejectedRow(outcome.filename, outcome.error));
      if (outcome.status === "duplicate")
        rejected.push(rejectedRow(outcome.filename, "duplicate of another file"));
    }

    const progress = createProgressBar(files.length - rejected.length);
    const done = new Promise<void>((resolve) => {
      progress.onDone = resolve;
    });
    const unsubscribe = await runtime.events.subscribe(userId, (event) => progress.update(event));
    const { queued } = await runtime.scheduler.queueBatch(userId, batchId);
    if (queued > 0) {
      const timeoutMs = Number(values["timeout-minutes"]) * 60_000;
      await Promise.race([done, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    }
    await unsubscribe();
    progress.finish();

    const rows = await runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
    const ranked = [...rankResults(rows), ...rejected];
    console.log(renderTable(ranked, { withScores: jdId !== null }));
    if (values.json) {
      await writeFile(values.json, `${JSON.stringify(ranked, null, 2)}\n`);
      console.log(`\nResults written to ${values.json}`);
    }
    return 0;
  } finally {
    await runtime.close();
  }
}

async function collectFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) {
      console.error(`cvflow process: ${input}: no such file or folder`);
      continue;
    }
    if (info.isFile()) out.push(input);
    else if (info.isDirectory()) {
      const entries = await readdir(input, { withFileTypes: true, recursive: true });
      for (const e of entries) {
        if (e.isFile() && !e.name.startsWith(".")) out.push(path.join(e.parentPath, e.name));
      }
    }
  }
  return out.sort();
}

async function cliUser(db: Database): Promise<string> {
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, CLI_USER_EMAIL));
  if (existing[0]) return existing[0].id;
  // "!" is no valid argon2 hash, so nobody can log in as the CLI user.
  const [created] = await db
    .insert(users)
    .values({ email: CLI_USER_EMAIL, name: "cvflow CLI", passwordHash: "!" })
    .returning({ id: users.id });
  return created!.id;
}

async function createJd(db: Database, userId: string, text: string): Promise<string> {
  const title =
    text
      .split("\n")
      .find((l) => l.trim())
      ?.trim()
      .slice(0, 200) ?? "Job description";
  const requirements = deriveJdRequirements({ title, description: text });
  const [jd] = await db
    .insert(jobDescriptions)
    .values({ userId, title, description: text, requirements })
    .returning({ id: jobDescriptions.id });
  return jd!.id;
}

function rejectedRow(filename: string, error: string): RankedCv {
  return { rank: null, filename, status: "rejected", score: null, parse: null, match: null, error };
}

function createProgressBar(total: number) {
  const finished = new Set<string>();
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const bar = {
    onDone: () => {},
    update(event: ProgressEvent) {
      if (event.type !== "cv_progress") return;
      if (event.stage === "COMPLETED" || event.stage === "FAILED") finished.add(event.cv_id);
      const width = 30;
      const filled = total === 0 ? width : Math.round((finished.size / total) * width);
      const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${finished.size}/${total}  ${event.filename}: ${event.status}`;
      if (tty) process.stderr.write(`\r\x1b[2K${line.slice(0, process.stderr.columns - 1)}`);
      else if (finished.size !== lastLine) {
        lastLine = finished.size;
        process.stderr.write(`${line}\n`);
      }
      if (finished.size >= total) bar.onDone();
    },
    finish() {
      if (tty) process.stderr.write("\n");
    },
  };
  return bar;
}

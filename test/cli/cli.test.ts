// The `cvflow` command as a user runs it: a child process of bin/cvflow.js.
import { execFile, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCvFiles } from "../support/cv-fixtures.ts";

const run = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, "../../bin/cvflow.js");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cvflow-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  DATA_DIR: path.join(dir, "data"),
  LOG_LEVEL: "silent",
  GITHUB_ENABLED: "false",
});

describe("cvflow process", () => {
  it("screens a folder of 20 PDF and DOCX CVs against a JD and prints a ranked table", async () => {
    const cvDir = path.join(dir, "cvs");
    await mkdir(cvDir, { recursive: true });
    const files = await makeCvFiles(20);
    for (const f of files) await writeFile(path.join(cvDir, f.filename), f.bytes);
    await writeFile(path.join(cvDir, "notes.zip"), Buffer.from("PK\u0003\u0004 not a CV"));
    const jd = path.join(dir, "jd.txt");
    await writeFile(
      jd,
      "Senior Python Developer\n\nWe need 4+ years of Python, PostgreSQL and Docker. AWS is a plus.\n",
    );
    const out = path.join(dir, "out.json");

    const { stdout } = await run(process.execPath, [CLI, "process", cvDir, "--jd", jd, "--json", out], {
      env: env(),
      timeout: 180_000,
    });
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^#\s+Score\s+Name\s+Current role/);
    expect(stdout).toMatch(/notes\.zip .*rejected: unsupported file type/);

    const results = JSON.parse(await readFile(out, "utf8")) as Array<{
      rank: number | null;
      filename: string;
      status: string;
      score: number | null;
      parse: { email: string | null } | null;
      error: string | null;
    }>;
    expect(results).toHaveLength(21);
    const completed = results.filter((r) => r.status === "completed");
    expect(completed).toHaveLength(20);
    // Ranked: scores never increase down the list, ranks are 1..20.
    const scores = completed.map((r) => r.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(completed.map((r) => r.rank)).toEqual([...Array(20).keys()].map((i) => i + 1));
    for (const r of completed) {
      const file = files.find((f) => f.filename === r.filename)!;
      expect(r.parse?.email).toBe(file.profile.email);
    }
    // The table lists every file once.
    for (const f of files) expect(stdout.split(f.filename).length - 1).toBe(1);
  });

  it("explains its usage and fails on a missing path", async () => {
    await expect(run(process.execPath, [CLI, "process"], { env: env() })).rejects.toMatchObject({
      stderr: expect.stringMatching(/name at least one CV file or folder/),
    });
    await expect(run(process.execPath, [CLI, "bogus"], { env: env() })).rejects.toMatchObject({
      stderr: expect.stringMatching(/Unknown command "bogus"/),
    });
  });

  it("stops at start with a message naming a bad variable", async () => {
    await expect(
      run(process.execPath, [CLI, "start"], { env: { ...env(), PORT: "not-a-port" } }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/PORT/) });
  });
});

describe("cvflow start", () => {
  it("serves the API in embedded mode and shuts down cleanly on SIGTERM", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, [CLI, "start"], {
      env: { ...env(), DATA_DIR: path.join(dir, "start-data"), HOST: "127.0.0.1", PORT: String(port) },
      stdio: "ignore",
    });
    try {
      let health: Response | null = null;
      for (let i = 0; i < 200 && !health; i++) {
        health = await fetch(`http://127.0.0.1:${port}/health`).catch(() => null);
        if (!health) await new Promise((r) => setTimeout(r, 100));
      }
      expect(health?.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

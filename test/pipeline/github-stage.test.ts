// ANALYZING_GITHUB (80%) in both modes, against a local fake GitHub API through real Octokit:
// a CV with a GitHub link passes through the stage, one without skips it, and a GitHub outage
// never fails the CV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CvflowRuntime, createRuntime } from "../../src/runtime.ts";
import { makeCvFiles } from "../support/cv-fixtures.ts";
import { type FakeGithub, fakeProfile, startFakeGithub } from "../support/fake-github.ts";
import {
  createBatch,
  createJd,
  createUser,
  recordEvents,
  stagesOf,
  upload,
  waitForBatch,
  waitForEvents,
} from "../support/pipeline-harness.ts";
import {
  createModeEnvironment,
  distributedServicesAvailable,
  type ModeEnvironment,
} from "../support/services.ts";

const distributedOk = await distributedServicesAvailable();

describe.each([
  ["embedded", true],
  ["distributed", distributedOk],
] as const)("GitHub stage (%s)", (mode, available) => {
  let env: ModeEnvironment;
  let runtime: CvflowRuntime;
  let github: FakeGithub;
  let files: Awaited<ReturnType<typeof makeCvFiles>>;

  beforeAll(async () => {
    if (!available) return;
    // CV 0 names a GitHub profile, CV 1 does not.
    files = await makeCvFiles(2, { github: (i) => i === 0 });
    github = await startFakeGithub([fakeProfile(files[0]!.profile.github!)]);
    env = await createModeEnvironment(mode, { GITHUB_ENABLED: "true", GITHUB_API_URL: github.url });
    runtime = await createRuntime(env.config());
  });
  afterAll(async () => {
    await runtime?.close();
    await github?.close();
    await env?.cleanup();
  });

  it.runIf(available)("analyses the profile a CV links to and skips CVs without one", async () => {
    const userId = await createUser(runtime.db);
    const jdId = await createJd(runtime.db, userId, "Backend Engineer", {
      required_skills: [
        { skill: "Python", importance: "critical" },
        { skill: "Kubernetes", importance: "important" },
      ],
    });
    const batchId = await createBatch(runtime.db, userId, jdId);
    const [withLink, without] = await upload(runtime, userId, batchId, files);
    const rec = await recordEvents(runtime, userId);
    await runtime.scheduler.queueBatch(userId, batchId);
    const rows = await waitForBatch(runtime.db, batchId);
    await waitForEvents(() =>
      [withLink!, without!].every((id) => stagesOf(rec.events, id).at(-1)?.[0] === "COMPLETED"),
    );
    await rec.stop();

    expect(stagesOf(rec.events, withLink!)).toContainEqual(["ANALYZING_GITHUB", 80]);
    expect(stagesOf(rec.events, withLink!).map(([s]) => s)).toEqual([
      "QUEUED",
      "DOWNLOADING",
      "EXTRACTING",
      "ANALYZING_STRUCTURE",
      "PARSING_WITH_AI",
      "MATCHING_JD",
      "ANALYZING_GITHUB",
      "FINALIZING",
      "COMPLETED",
    ]);
    expect(stagesOf(rec.events, without!).map(([s]) => s)).not.toContain("ANALYZING_GITHUB");

    const linked = rows.find((r) => r.id === withLink)!;
    expect(linked.githubAnalysis).toMatchObject({ username: files[0]!.profile.github });
    const analysis = linked.githubAnalysis as { github_score: number };
    expect(analysis.github_score).toBeGreaterThan(0);
    // The signal reaches the match, labelled with its source wherever it appears.
    const match = linked.jdMatchData as {
      strengths: Array<{ strength: string }>;
      red_flags: Array<{ flag: string }>;
    };
    const fromGithub = [
      ...match.strengths.map((s) => s.strength),
      ...match.red_flags.map((f) => f.flag),
    ].filter((t) => /github/i.test(t));
    expect(fromGithub.length).toBeGreaterThan(0);
    for (const text of fromGithub) expect(text).toMatch(/^GitHub: /);
    expect(rows.find((r) => r.id === without)!.githubAnalysis).toBeNull();
    expect(github.requests).toBeGreaterThan(0);
  });

  it.runIf(available)("completes the CV with a warning when GitHub is down", async () => {
    github.setFaults([{ path: /./, status: 503, times: 1000 }]);
    const userId = await createUser(runtime.db);
    const batchId = await createBatch(runtime.db, userId, null);
    const other = (await makeCvFiles(4, { github: () => true }))[3]!;
    await upload(runtime, userId, batchId, [other]);
    await runtime.scheduler.queueBatch(userId, batchId);
    const [row] = await waitForBatch(runtime.db, batchId);
    github.setFaults([]);
    expect(row).toMatchObject({ status: "completed", githubAnalysis: null });
    expect(row!.warnings.join(" ")).toMatch(/GitHub analysis (skipped|failed)/);
  });
});

// The test S3 server (s3rver) in a process of its own, as S3 is in a deployment: its request
// handling then competes with neither the worker nor the API process for an event loop.
import { fork } from "node:child_process";
import path from "node:path";
import type { TestS3 } from "../../test/support/s3-server.ts";

const ENTRY = path.join(import.meta.dirname, "s3-process-entry.ts");

export function startS3Process(): Promise<TestS3 & { pid: number }> {
  const child = fork(ENTRY, { execArgv: ["--import", "tsx"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the S3 server process did not start in 30 s"));
    }, 30_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the S3 server process exited with ${code}`));
    });
    child.once("message", (message) => {
      clearTimeout(timer);
      const s3 = message as Omit<TestS3, "close">;
      resolve({
        ...s3,
        pid: child.pid ?? 0,
        async close() {
          if (child.exitCode === null) child.send("stop");
          const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
          await exited;
          clearTimeout(kill);
        },
      });
    });
  });
}

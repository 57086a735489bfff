// The `cvflow` command line: start (embedded all-in-one), api, worker, migrate, process.
import { parseArgs } from "node:util";
import { buildApp } from "./app.ts";
import { runProcessCommand } from "./cli/process-command.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { openPglite } from "./db/pglite.ts";
import { openPostgres } from "./db/postgres.ts";
import { type CvflowRuntime, createRuntime, type Role } from "./runtime.ts";

const USAGE = `Usage: cvflow <command> [options]

Commands:
  start                      API and workers in one process (embedded mode by default)
  api                        API process only (distributed mode)
  worker [--concurrency N]   worker process only (distributed mode)
  migrate                    apply database migrations
  process <files or folders> [--jd jd.txt] [--json out.json] [--concurrency N]
                             screen CVs from the command line and print a ranked table

Configuration comes from the environment (and .env); see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "start":
      return serve("all", rest);
    case "api":
      return serve("api", rest);
    case "worker":
      return serve("worker", rest);
    case "migrate":
      return migrate();
    case "process":
      return runProcessCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

async function serve(role: Role, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { concurrency: { type: "string" } } });
  const config = loadConfig();
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new ConfigError("--concurrency must be a positive integer");
  }
  const runtime = await createRuntime(config, { role, concurrency });
  const app = role === "worker" ? null : await buildApp(runtime);
  if (app) {
    await app.listen({ host: config.HOST, port: config.PORT });
  } else {
    runtime.log.info({ concurrency: concurrency ?? config.WORKER_CONCURRENCY }, "worker started");
  }
  await untilSignal(runtime, async () => {
    await app?.close();
    await runtime.close();
  });
  return 0;
}

function untilSignal(runtime: CvflowRuntime, shutdown: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      runtime.log.info({ signal }, "shutting down");
      // A second signal, or a shutdown that hangs, ends the process anyway.
      setTimeout(() => process.exit(1), 30_000).unref();
      shutdown().then(resolve, (err) => {
        runtime.log.error({ err }, "shutdown failed");
        resolve();
      });
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
}

async function migrate(): Promise<number> {
  const config = loadConfig();
  const handle =
    config.CVFLOW_MODE === "distributed"
      ? await openPostgres(config.DATABASE_URL!)
      : await openPglite(config.pgliteDir, { template: config.PGLITE_TEMPLATE });
  try {
    await handle.migrate();
    console.log(`migrations applied (${config.CVFLOW_MODE})`);
  } finally {
    await handle.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);

// One `cvflow worker` process with the fixed-latency engine, for the distributed pipeline bench.
// It reports its event-loop utilisation between the parent's "mark" and "report" messages.
import type { EventLoopUtilization } from "node:perf_hooks";
import { parseConfig } from "../../src/config.ts";
import { createRuntime } from "../../src/runtime.ts";
import { fixedLatencyEngine } from "./fixed-latency-engine.ts";

const concurrency = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 50);
const runtime = await createRuntime(parseConfig(process.env), {
  role: "worker",
  engine: fixedLatencyEngine(),
  concurrency,
});
let mark: EventLoopUtilization = performance.eventLoopUtilization();
process.on("message", (message) => {
  if (message === "mark") mark = performance.eventLoopUtilization();
  if (message === "report") process.send?.({ elu: performance.eventLoopUtilization(mark).utilization });
  if (message === "stop") void runtime.close().then(() => process.exit(0));
});
// A bench that dies takes its worker with it.
process.on("disconnect", () => void runtime.close().then(() => process.exit(0)));
process.send?.("ready");

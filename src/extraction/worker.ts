// Runs inside a worker thread: one extraction at a time, results and failures posted back as data.
import { parentPort } from "node:worker_threads";
import { extractDocument } from "./extract.ts";
import { prepareExtractionThread } from "./thread-setup.ts";
import { ExtractionError, type ExtractionLimits } from "./types.ts";

export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  filename: string;
  limits: ExtractionLimits;
}

if (!parentPort) throw new Error("worker.ts must run in a worker thread");
prepareExtractionThread();
const port = parentPort;

port.on("message", async (req: WorkerRequest) => {
  try {
    const doc = await extractDocument(req.bytes, { filename: req.filename, limits: req.limits });
    port.postMessage({ type: "result", id: req.id, doc });
  } catch (err) {
    const failure =
      err instanceof ExtractionError
        ? { reason: err.reason, message: err.message }
        : err instanceof RangeError
          ? { reason: "corrupt", message: `file is corrupt: ${err.message}` }
          : {
              reason: "corrupt",
              message: `file is corrupt: ${err instanceof Error ? err.message : String(err)}`,
            };
    port.postMessage({ type: "error", id: req.id, ...failure });
  }
});
port.postMessage({ type: "ready" });

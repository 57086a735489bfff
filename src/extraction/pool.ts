// A pool of worker threads running extraction, so that a stuck or exploding parse is cut off (the worker
// is terminated and replaced) without touching the caller's process.
import { Worker } from "node:worker_threads";
import {
  type ExtractedDocument,
  ExtractionError,
  type ExtractionFailureReason,
  type ExtractionLimits,
} from "./types.ts";

export interface ExtractionPool {
  extract(bytes: Uint8Array, filename: string): Promise<ExtractedDocument>;
  /** Starts every worker now, so the first CVs do not wait for threads to boot. */
  warm(): void;
  close(): Promise<void>;
}

export interface ExtractionPoolOptions {
  size: number;
  limits: ExtractionLimits;
  /** Heap ceiling for each worker. */
  maxMemoryMb?: number;
}

interface Job {
  id: number;
  bytes: Uint8Array;
  filename: string;
  resolve: (doc: ExtractedDocument) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; id: number; doc: ExtractedDocument }
  | { type: "error"; id: number; reason: ExtractionFailureReason; message: string };

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
const MAX_STARTUP_FAILURES = 3;

export function createExtractionPool(options: ExtractionPoolOptions): ExtractionPool {
  const size = Math.max(1, Math.floor(options.size));
  const maxMemoryMb = options.maxMemoryMb ?? 1024;
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  let startupFailures = 0;

  const spawn = (): Slot => {
    const worker = new Worker(ENTRY, {
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, ready: false };
    worker.unref();
    worker.on("message", (msg: WorkerMessage) => onMessage(slot, msg));
    worker.on("error", (err) => onCrash(slot, err));
    worker.on("exit", () => onCrash(slot, null));
    slots.add(slot);
    return slot;
  };

  const finish = (slot: Slot): Job | undefined => {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
    return job;
  };

  const onMessage = (slot: Slot, msg: WorkerMessage) => {
    if (msg.type === "ready") {
      slot.ready = true;
      startupFailures = 0;
    } else {
      const job = finish(slot);
      if (job && job.id === msg.id) {
        if (msg.type === "result") job.resolve(msg.doc);
        else job.reject(new ExtractionError(msg.reason, msg.message));
      }
    }
    pump();
  };

  // A worker died (out of memory, terminated after a timeout, or a native crash): fail its job, replace it.
  const onCrash = (slot: Slot, err: Error | null) => {
    if (!slots.has(slot)) return;
    slots.delete(slot);
    if (!slot.ready) {
      // Workers that die before they are ready (broken install, too little memory to load) would be
      // respawned forever: after a few in a row, fail the queued work instead.
      startupFailures++;
      if (startupFailures >= MAX_STARTUP_FAILURES) {
        const reason = err?.message ?? "worker exited";
        for (const job of queue.splice(0))
          job.reject(new Error(`extraction worker failed to start: ${reason}`));
        startupFailures = 0;
      }
    }
    const job = finish(slot);
    if (job) {
      const oom = err && "code" in err && err.code === "ERR_WORKER_OUT_OF_MEMORY";
      job.reject(
        oom
          ? new ExtractionError("too-large", `the document needs more than ${maxMemoryMb} MB of memory`)
          : new ExtractionError(
              "corrupt",
              `file is corrupt: extraction crashed (${err?.message ?? "worker exited"})`,
            ),
      );
    }
    void slot.worker.terminate();
    pump();
  };

  const pump = () => {
    if (closed) return;
    while (queue.length > 0) {
      const idle = [...slots].find((s) => s.ready && !s.job);
      if (!idle) {
        if (slots.size < size) spawn();
        return;
      }
      const job = queue.shift()!;
      idle.job = job;
      idle.worker.ref();
      idle.timer = setTimeout(() => timeout(idle), options.limits.timeoutMs);
      // Copy into a fresh buffer and transfer it: the caller's bytes stay intact.
      const copy = new Uint8Array(job.bytes);
      idle.worker.postMessage({ id: job.id, bytes: copy, filename: job.filename, limits: options.limits }, [
        copy.buffer,
      ]);
    }
  };

  const timeout = (slot: Slot) => {
    if (!slots.has(slot)) return;
    slots.delete(slot);
    const job = finish(slot);
    job?.reject(new ExtractionError("timeout", `extraction took longer than ${options.limits.timeoutMs} ms`));
    void slot.worker.terminate();
    pump();
  };

  return {
    warm() {
      while (!closed && slots.size < size) spawn();
    },
    extract(bytes, filename) {
      if (closed) return Promise.reject(new Error("extraction pool is closed"));
      return new Promise<ExtractedDocument>((resolve, reject) => {
        queue.push({ id: nextId++, bytes, filename, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("extraction pool closed"));
      const all = [...slots];
      slots.clear();
      for (const slot of all) finish(slot)?.reject(new Error("extraction pool closed"));
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

// The embedded database's own thread. PGlite is PostgreSQL compiled to WebAssembly and runs
// synchronously: on the main thread every statement stalls the event loop (5–12 ms for the
// pipeline's grouped writes), which delays every CV in flight. Here it blocks only this thread.
// Requests are answered in the order they arrive; PGlite serialises them itself.
import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type QueryOptions } from "@electric-sql/pglite";
import type { ThreadReply, ThreadRequest } from "./pglite.ts";
import { serializeError } from "./pglite.ts";

const port = parentPort!;
const reply = (message: ThreadReply) => port.postMessage(message);

// Drizzle asks for some types (timestamps, intervals, dates, their arrays) as the raw text; the
// request names those type ids, since functions cannot cross threads.
const rawTextParsers = (typeIds: number[]): QueryOptions["parsers"] =>
  Object.fromEntries(typeIds.map((id) => [id, (value: string) => value]));

const { dataDir, templatePath } = workerData as { dataDir: string; templatePath?: string };

let pg: PGlite;
try {
  // A template (a tarball of an initialised database) replaces initdb, which takes seconds.
  const template = templatePath
    ? await readFile(templatePath).catch((error: Error) => {
        throw new Error(`embedded database template unreadable (${templatePath}): ${error.message}`);
      })
    : undefined;
  const loadDataDir = template ? new Blob([template]) : undefined;
  pg = await PGlite.create({ dataDir, loadDataDir });
  reply({ type: "ready" });
} catch (error) {
  reply({ type: "failed", error: serializeError(error) });
  port.close();
}

port.on("message", (request: ThreadRequest) => {
  const run = async () => {
    if (request.op === "query") {
      const result = await pg.query(request.sql, request.params, {
        rowMode: request.rowMode,
        parsers: rawTextParsers(request.rawTypes),
      });
      return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
    }
    if (request.op === "exec") return pg.exec(request.sql);
    if (request.op === "dump") {
      // A checkpoint first, so the tarball's data files are complete and loading it replays no WAL.
      await pg.exec("CHECKPOINT");
      return new Uint8Array(await (await pg.dumpDataDir("none")).arrayBuffer());
    }
    await pg.close();
    return null;
  };
  run().then(
    (result) => {
      reply({ id: request.id, ok: true, result });
      if (request.op === "close") port.close();
    },
    (error: unknown) => reply({ id: request.id, ok: false, error: serializeError(error) }),
  );
});

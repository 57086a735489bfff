// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in turn.
import { readdir } from "node:fs/promises";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts")).sort();
let failures = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, "");
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  try {
    const mod = (await import(path.join(dir, file))) as { run: () => Promise<void> };
    await mod.run();
  } catch (error) {
    failures++;
    console.error(`${name} failed:`, error);
  }
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
process.exit(failures > 0 ? 1 : 0);

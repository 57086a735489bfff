// CPU time per process group from /proc (Linux): in the distributed bench the worker, the S3
// server, PostgreSQL and Redis share the machine's cores, so what each costs per CV shows which
// one bounds the rate. Elsewhere the readings are empty and the bench prints none.
import { readdirSync, readFileSync } from "node:fs";

// /proc reports in USER_HZ, 100 per second on Linux for every architecture user space sees.
const MS_PER_TICK = 10;

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return 0;
  }
}

function pidsNamed(command: string): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          return readFileSync(`/proc/${d}/comm`, "utf8").trim() === command;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

export type ProcessGroups = Record<string, number[] | { command: string }>;

/** CPU milliseconds used so far by each group (a list of pids, or every process with that command). */
export function readCpu(groups: ProcessGroups): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, who] of Object.entries(groups)) {
    const pids = Array.isArray(who) ? who : pidsNamed(who.command);
    out[name] = pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  }
  return out;
}

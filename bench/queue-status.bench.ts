// Queue status of a large batch: GET /cv-processing/batch/{id}/queue-status for a batch of 10,000
// CVs (rows inserted directly, in a realistic mix of statuses), through the whole HTTP stack
// (auth, ownership check, three aggregation queries, serialisation). Both modes when available.
import { sql } from "drizzle-orm";
import { API, as, MODES, type Mode, register, startApi } from "../test/support/api-harness.ts";

const CVS = 10_000;
const ITERATIONS = 300;
const TARGET_P99_MS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  for (const mode of MODES) await runMode(mode);
}

async function runMode(mode: Mode): Promise<void> {
  const h = await startApi({ mode });
  try {
    const user = await register(h.app, "bench");
    const req = as(h.app, user);
    const batchId = (
      await req({ method: "POST", url: `${API}/cv-batches`, payload: { title: "Bench" } })
    ).json().id;

    // 60% completed, 2% failed, 0.5% processing, the rest queued; one statement.
    await h.runtime.db.execute(sql`
      insert into cvs (batch_id, user_id, filename, mime_type, size_bytes, sha256, storage_key, status, stage,
                       progress, queued_at, started_at, processed_at)
      select ${batchId}, ${user.id}, 'cv-' || i || '.pdf', 'application/pdf', 1000, md5(i::text), 'k/' || i,
             s.status, upper(s.status), case when s.status in ('completed', 'failed') then 100 else 0 end,
             now() - make_interval(secs => ${CVS} - i),
             case when s.status <> 'queued' then now() - make_interval(secs => 40 + (i % 20)) end,
             case when s.status in ('completed', 'failed') then now() - make_interval(secs => i % 5) end
      from generate_series(1, ${CVS}) as i,
      lateral (select case when i % 1000 < 600 then 'completed' when i % 1000 < 620 then 'failed'
                           when i % 1000 < 625 then 'processing' else 'queued' end as status) s`);
    // Steady state: autovacuum (PostgreSQL) or the embedded maintenance timer has run.
    await h.runtime.db.execute(sql`vacuum analyze cvs`);

    const first = await req({ method: "GET", url: `${API}/cv-processing/batch/${batchId}/queue-status` });
    const status = first.json();
    if (first.statusCode !== 200 || status.total_cvs !== CVS)
      throw new Error(`unexpected answer: ${first.body.slice(0, 300)}`);

    const time = async (fn: () => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < ITERATIONS; i++) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b);
    };
    const route = await time(() =>
      req({ method: "GET", url: `${API}/cv-processing/batch/${batchId}/queue-status` }),
    );
    const direct = await time(() => h.runtime.scheduler.queueStatus(batchId));

    console.log(
      `[${mode}] batch of ${CVS} CVs: ${status.completed} completed, ${status.failed} failed, ${status.processing} processing, ` +
        `${status.queued} queued; ${status.queue_details.length} queue_details entries`,
    );
    for (const [name, s] of [
      ["route (inject)", route],
      ["scheduler.queueStatus", direct],
    ] as const) {
      const p50 = percentile(s, 50);
      const p99 = percentile(s, 99);
      console.log(
        `${name.padEnd(22)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  max ${s.at(-1)!.toFixed(2)} ms  ` +
          `(p99 / target ${TARGET_P99_MS} ms = ${(p99 / TARGET_P99_MS).toFixed(2)})`,
      );
    }
  } finally {
    await h.close();
  }
}

// Time estimation that accounts for parallelism. The design document's `remaining × average`
// assumes one CV at a time; with N CVs running at once it overestimates N-fold. Here the batch's
// remaining CVs are laid onto the slots that are working on it: each running CV frees its slot
// after its expected remaining service time, and each queued CV takes the earliest free slot.

export interface EtaInput {
  /** Mean service time (started → finished) of completed CVs, in seconds. */
  avgServiceSeconds: number;
  /** Seconds already spent on each CV now processing. */
  runningElapsedSeconds: number[];
  /** Queued CVs in queue order. */
  queuedCount: number;
  /** How many CVs can run for this batch at once. */
  parallelism: number;
  /** How many queued CVs to report individual waits for. */
  detailLimit: number;
}

export interface EtaResult {
  estimatedSeconds: number;
  /** Wait until each of the first `detailLimit` queued CVs starts, in queue order. */
  queuedWaitSeconds: number[];
}

export function estimateBatchTime(input: EtaInput): EtaResult {
  const avg = Math.max(0, input.avgServiceSeconds);
  const slots = Math.max(1, Math.floor(input.parallelism), input.runningElapsedSeconds.length);
  // A running CV past the average is expected to need a little longer, never zero.
  const free: number[] = input.runningElapsedSeconds.map((elapsed) => Math.max(avg - elapsed, avg * 0.1));
  while (free.length < slots) free.push(0);
  const heap = new MinHeap(free);
  const waits: number[] = [];
  let finish = free.reduce((a, b) => Math.max(a, b), 0);
  for (let i = 0; i < input.queuedCount; i++) {
    const start = heap.pop();
    if (i < input.detailLimit) waits.push(start);
    const end = start + avg;
    finish = Math.max(finish, end);
    heap.push(end);
    // Past the detail list, slots keep their order (each frees every `avg` seconds), so the rest
    // is dealt round-robin: slot k takes floor(rest / slots) CVs, plus one for the first rest % slots.
    if (i + 1 >= input.detailLimit && i + 1 >= slots) {
      const rest = input.queuedCount - i - 1;
      const sorted = heap.values().sort((a, b) => a - b);
      sorted.forEach((freeAt, k) => {
        const taken = Math.floor(rest / slots) + (k < rest % slots ? 1 : 0);
        if (taken > 0) finish = Math.max(finish, freeAt + taken * avg);
      });
      break;
    }
  }
  if (input.queuedCount === 0 && input.runningElapsedSeconds.length === 0) finish = 0;
  return { estimatedSeconds: finish, queuedWaitSeconds: waits };
}

class MinHeap {
  private readonly items: number[] = [];
  constructor(values: number[]) {
    for (const v of values) this.push(v);
  }
  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]! < a[m]!) m = l;
        if (r < a.length && a[r]! < a[m]!) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
  values(): number[] {
    return [...this.items];
  }
}

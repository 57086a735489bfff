// Group commit: calls that arrive while a batch is being written are written together in the next
// one. Under load this turns N single-row statements into a few multi-row ones; with one call at a
// time it adds no delay.
export function createMicroBatcher<I, O>(
  write: (items: I[]) => Promise<O[]>,
  maxSize = 100,
): (item: I) => Promise<O> {
  const waiting: Array<{ item: I; resolve: (o: O) => void; reject: (e: unknown) => void }> = [];
  let writing = false;

  const drain = async () => {
    if (writing || waiting.length === 0) return;
    writing = true;
    const batch = waiting.splice(0, maxSize);
    try {
      const out = await write(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        b.resolve(out[i] as O);
      });
    } catch (error) {
      for (const b of batch) b.reject(error);
    } finally {
      writing = false;
      void drain();
    }
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      // Let the calls of this turn of the event loop join the batch.
      if (!writing) setImmediate(() => void drain());
    });
}

/**
 * Runs writes one at a time. Multi-row writes that touch the same CVs (a stage flush and a
 * completion batch) would otherwise take row locks in different orders and deadlock on PostgreSQL.
 */
export function createSerialLane(): <T>(write: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (write) => {
    const result = tail.then(write, write);
    tail = result.catch(() => {});
    return result;
  };
}

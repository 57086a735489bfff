// Process-wide settings for a thread dedicated to extraction (pool workers, the benchmark).

/**
 * pdf.js inflates font and image streams through DecompressionStream when it exists: each stream becomes
 * a round trip through web streams and the libuv pool, slower than its own synchronous inflate for the
 * many small streams of a CV. Without it, pdf.js falls back to the synchronous path.
 */
export function prepareExtractionThread(): void {
  Reflect.deleteProperty(globalThis, "DecompressionStream");
}

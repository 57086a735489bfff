import { describe, expect, it } from "vitest";
import { evaluate, ndcgAt, pairwiseAccuracy } from "../../scripts/eval-match.ts";
import { buildEvalSet } from "../../scripts/make-match-fixtures.ts";

describe("eval metrics", () => {
  it("computes NDCG and pairwise accuracy", () => {
    expect(ndcgAt(10, [3, 2, 1, 0], [3, 2, 1, 0])).toBe(1);
    expect(ndcgAt(10, [0, 1, 2, 3], [3, 2, 1, 0])).toBeLessThan(0.7);
    expect(
      pairwiseAccuracy([
        { rel: 2, score: 80 },
        { rel: 0, score: 10 },
      ]).accuracy,
    ).toBe(1);
    expect(
      pairwiseAccuracy([
        { rel: 2, score: 10 },
        { rel: 0, score: 80 },
      ]).accuracy,
    ).toBe(0);
    expect(
      pairwiseAccuracy([
        { rel: 2, score: 10 },
        { rel: 0, score: 10 },
      ]).accuracy,
    ).toBe(0.5);
  });
});

describe("labelled set", () => {
  const set = buildEvalSet();

  it("has at least 5 JDs × 40 CVs with graded relevance and hard negatives", () => {
    expect(set.jds.length).toBeGreaterThanOrEqual(5);
    expect(set.cvs.length).toBeGreaterThanOrEqual(40);
    expect(set.relevance["jd-frontend"]?.["java-senior-0"]).toBe(0);
    expect(set.relevance["jd-java"]?.["fe-senior-0"]).toBe(0);
    expect(new Set(Object.values(set.relevance["jd-frontend"]!))).toEqual(new Set([0, 1, 2, 3]));
  });

  it("the deterministic engine reaches pairwise accuracy ≥ 0.9 on it", () => {
    const results = evaluate(set, false);
    const mean = results.reduce((n, r) => n + r.pairwise, 0) / results.length;
    expect(mean).toBeGreaterThanOrEqual(0.9);
    for (const r of results) expect(r.pairwise).toBeGreaterThan(0.8);
  });
});

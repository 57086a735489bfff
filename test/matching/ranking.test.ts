import { describe, expect, it } from "vitest";
import { compareForRanking, isShortlisted } from "../../src/matching/ranking.ts";

describe("compareForRanking", () => {
  it("orders by score, unmatched last, then upload time, then id", () => {
    const cvs = [
      { id: "e", score: null, created_at: "2026-01-01T00:00:00Z" },
      { id: "d", score: 70, created_at: "2026-01-02T00:00:00Z" },
      { id: "c", score: 70, created_at: "2026-01-01T00:00:00Z" },
      { id: "b", score: 90, created_at: new Date("2026-01-03T00:00:00Z") },
      { id: "a", score: 70, created_at: "2026-01-01T00:00:00Z" },
      { id: "f", score: 0, created_at: "2026-01-01T00:00:00Z" },
    ];
    expect([...cvs].sort(compareForRanking).map((c) => c.id)).toEqual(["b", "a", "c", "d", "f", "e"]);
    expect(
      [...cvs]
        .reverse()
        .sort(compareForRanking)
        .map((c) => c.id),
    ).toEqual(["b", "a", "c", "d", "f", "e"]);
  });
});

describe("isShortlisted", () => {
  it("includes the threshold and excludes unmatched CVs", () => {
    expect(isShortlisted(70, 70)).toBe(true);
    expect(isShortlisted(69, 70)).toBe(false);
    expect(isShortlisted(null, 0)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { levelInText, lowestLevelInText } from "../../src/matching/education-levels.ts";
import { cv, jd, NOW, textOf } from "./helpers.ts";

describe("education levels", () => {
  it("reads dotted degree abbreviations followed by punctuation or a space", () => {
    expect(levelInText("B.S., Computer Science and Engineering")).toBe("bachelor");
    expect(levelInText("B.S. in Physics")).toBe("bachelor");
    expect(levelInText("B.A. History")).toBe("bachelor");
    expect(levelInText("M.S. Computer Science")).toBe("master");
    expect(levelInText("M.A., Economics")).toBe("master");
    expect(levelInText("Ph.D. Mathematics")).toBe("phd");
    expect(levelInText("BA (Hons) English")).toBe("bachelor");
    expect(lowestLevelInText("B.S. or M.S. in Computer Science required")).toBe("bachelor");
  });

  it("keeps whole-word matching", () => {
    expect(levelInText("Massachusetts Institute of Technology")).toBeNull();
    expect(levelInText("msc")).toBe("master");
    expect(levelInText("mscs")).toBeNull();
    expect(levelInText("Basketball team captain")).toBeNull();
  });

  it("a B.S. meets a bachelor requirement in the match", () => {
    const parsed = cv({
      education: [
        {
          institution: "POSTECH",
          degree: "B.S.",
          field: "Computer Science and Engineering",
          start_date: "2010-03",
          end_date: "2017-08",
          grade: null,
        },
      ],
    });
    const job = jd({
      education_requirements: { level: "bachelor", fields: ["Computer Science"], required: true },
    });
    const m = matchCv({ parsed, cvText: textOf(parsed), jd: job, redFlags: [], now: NOW });
    expect(m.education_match.candidate_level).toBe("bachelor");
    expect(m.education_match.assessment).toBe("meets");
  });
});

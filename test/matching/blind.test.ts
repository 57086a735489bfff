import { describe, expect, it } from "vitest";
import { redactForMatching } from "../../src/matching/blind.ts";
import { cv, role, skills } from "./helpers.ts";

const parsed = cv({
  candidate_name: "Maria Fernández",
  email: "maria.fernandez@example.com",
  phone: "+34 612 345 678",
  location: "Valencia, Spain",
  links: { linkedin: "https://linkedin.com/in/mariaf", github: "https://github.com/mariaf", website: null },
  github_username: "mariaf",
  summary: "Maria is a backend engineer. She has led teams of five.",
  experience: [
    role({
      title: "Backend Engineer",
      location: "Valencia",
      start_date: "2019-03",
      is_current: true,
      highlights: ["Her team built Go and PostgreSQL services"],
    }),
  ],
  skills: skills("Go", "PostgreSQL"),
});

const text = `Maria Fernández
maria.fernandez@example.com | +34 612 345 678 | Calle Mayor 12, Valencia, Spain
linkedin.com/in/mariaf  https://github.com/mariaf
Photo: maria-portrait.jpg
Date of birth: 12/04/1991
Gender: Female
Nationality: Spanish
Marital status: Married
Mrs. Fernández is 34 years old and a mother of two.
Backend Engineer, 2019 – 2024
Her team built Go and PostgreSQL services; she mentored 3 engineers.`;

describe("redactForMatching", () => {
  const out = redactForMatching(parsed, text);

  it("removes identity and protected attributes from the text", () => {
    for (const needle of [
      "Maria",
      "Fernández",
      "maria.fernandez@",
      "612 345 678",
      "Calle Mayor",
      "Valencia",
      "Spain",
      "mariaf",
      "portrait.jpg",
      "1991",
      "Female",
      "Spanish",
      "Married",
      "Mrs",
      "34 years old",
      "mother",
      "Her ",
      "she ",
    ]) {
      expect(out.cvText).not.toContain(needle);
    }
  });

  it("keeps what the match is about", () => {
    expect(out.cvText).toContain("Backend Engineer, 2019 – 2024");
    expect(out.cvText).toContain("Go and PostgreSQL services");
    expect(out.cvText).toContain("mentored 3 engineers");
  });

  it("clears identity fields of the parse and leaves the rest", () => {
    expect(out.parsed.candidate_name).toBeNull();
    expect(out.parsed.email).toBeNull();
    expect(out.parsed.phone).toBeNull();
    expect(out.parsed.location).toBeNull();
    expect(out.parsed.github_username).toBeNull();
    expect(out.parsed.links).toEqual({ linkedin: null, github: null, website: null });
    expect(out.parsed.experience[0]?.location).toBeNull();
    expect(out.parsed.summary).not.toMatch(/Maria|She\b/);
    expect(out.parsed.experience[0]?.highlights[0]).toBe("Their team built Go and PostgreSQL services");
    expect(out.parsed.experience[0]?.start_date).toBe("2019-03");
    expect(out.parsed.skills).toEqual(parsed.skills);
  });

  it("does not modify its input", () => {
    expect(parsed.candidate_name).toBe("Maria Fernández");
    expect(parsed.experience[0]?.location).toBe("Valencia");
  });
});

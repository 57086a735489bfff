import { describe, expect, it } from "vitest";
import { groundParsedCv, SourceText } from "../../src/llm/grounding.ts";
import { emptyParsedCv } from "../../src/parsing/schema.ts";

describe("SourceText", () => {
  const text =
    "José Álvarez-Núñez\nCall +49 176 *** *** ** or 020 7946 0958\nACME, Inc. — Lead Developer\nhttps://www.github.com/jalvarez/";
  const source = new SourceText(text);

  it("matches names and organisations regardless of case, accents, punctuation and order", () => {
    expect(source.hasWords("Jose Alvarez Nunez")).toBe(true);
    expect(source.hasWords("Álvarez-Núñez, José")).toBe(true);
    expect(source.hasWords("Acme Inc")).toBe(true);
    expect(source.hasWords("Acme Corporation")).toBe(false);
    expect(source.hasWords("")).toBe(false);
  });

  it("matches phones on digits (national vs E.164) and masked phones as written", () => {
    expect(source.hasPhone("+44 20 7946 0958")).toBe(true);
    expect(source.hasPhone("+49 176 *** *** **")).toBe(true);
    expect(source.hasPhone("+44 20 7946 0000")).toBe(false);
    expect(source.hasPhone("176")).toBe(false);
  });

  it("matches URLs without scheme, www and trailing slash", () => {
    expect(source.hasUrl("github.com/jalvarez")).toBe(true);
    expect(source.hasUrl("https://github.com/someoneelse")).toBe(false);
  });
});

describe("groundParsedCv", () => {
  it("lists what it removed and keeps values the hints vouch for", () => {
    const parsed = { ...emptyParsedCv(), email: "ghost@nowhere.test", candidate_name: "Ann Lee" };
    const hints = { ...emptyParsedCv(), candidate_name: "Ann  Lee" };
    const result = groundParsedCv(parsed, "Curriculum vitae", hints);
    expect(result.dropped).toEqual(["email"]);
    expect(result.parsed.email).toBeNull();
    expect(result.parsed.candidate_name).toBe("Ann Lee");
  });
});

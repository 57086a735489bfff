// The fakes' ready-made script that pipeline tests use with ENGINE=llm.
import { afterEach, describe, expect, it } from "vitest";
import { deriveJdRequirementsWithLlm } from "../../src/llm/llm-jd-builder.ts";
import { refineMatchWithLlm } from "../../src/llm/llm-matcher.ts";
import { parseCvWithLlm } from "../../src/llm/llm-parser.ts";
import { redactForMatching } from "../../src/matching/blind.ts";
import { matchCv } from "../../src/matching/deterministic-matcher.ts";
import { deriveJdRequirements } from "../../src/matching/jd-builder.ts";
import { cvflowDefaultReply, type FakeLlmServer } from "../support/fake-openai.ts";
import { backendJd, CV_TEXT, clientFor, NOW, PROVIDERS, parsedCvText, startFake } from "./fixtures.ts";

let fake: FakeLlmServer | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe.each(PROVIDERS)("cvflowDefaultReply (%s)", (provider) => {
  it("answers parse, match and JD requests validly", async () => {
    fake = await startFake(provider, cvflowDefaultReply);
    const client = clientFor(provider, fake);
    const hints = parsedCvText();
    const parse = await parseCvWithLlm({ text: CV_TEXT, hints, client, now: NOW });
    expect(parse.parsed.experience).toEqual(hints.experience);

    const jd = backendJd();
    const blind = redactForMatching(parse.parsed, CV_TEXT);
    const det = matchCv({ parsed: blind.parsed, cvText: blind.cvText, jd, redFlags: [], now: NOW });
    const refined = await refineMatchWithLlm({ deterministic: det, jd, blindCvText: blind.cvText, client });
    expect(refined.match.overall_match_score).toBe(det.overall_match_score);

    const input = { title: "Python Engineer", description: "Python and PostgreSQL required. 3+ years." };
    const derived = await deriveJdRequirementsWithLlm({ ...input, client });
    expect(derived.requirements.required_skills).toEqual(deriveJdRequirements(input).required_skills);
    expect(fake.requests.map((r) => r.schemaName)).toEqual(["parsed_cv", "match_review", "jd_requirements"]);
  });
});

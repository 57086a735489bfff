// Deterministic matching throughput: CV–JD pairs per second on one core (target ≥ 1,000/s), measured on
// the labelled set's CVs and JDs, blind redaction included as in production.

import { buildEvalSet } from "../scripts/make-match-fixtures.ts";
import { redactForMatching } from "../src/matching/blind.ts";
import { matchCv } from "../src/matching/deterministic-matcher.ts";
import { deriveJdRequirements } from "../src/matching/jd-builder.ts";
import { findSkillsInText } from "../src/skills/taxonomy.ts";

const TARGET_PAIRS_PER_SECOND = 1000;

export async function run(): Promise<void> {
  const set = buildEvalSet();
  const now = new Date(set.now);
  const jds = set.jds.map((jd) => ({
    title: jd.title,
    description: jd.description,
    location: null,
    requirements: deriveJdRequirements(jd),
  }));
  const pairs = set.cvs.flatMap((cv) => jds.map((jd) => ({ cv, jd })));

  const once = () => {
    for (const { cv, jd } of pairs) {
      const blind = redactForMatching(cv.parsed, cv.text);
      matchCv({ parsed: blind.parsed, cvText: blind.cvText, jd, redFlags: [], now });
    }
  };
  once(); // warm-up: taxonomy load, JIT

  const rounds = 10;
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) once();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = (pairs.length * rounds) / seconds;
  console.log(
    `matching: ${pairs.length * rounds} CV–JD pairs in ${seconds.toFixed(2)} s = ${Math.round(perSecond)} pairs/s ` +
      `(target ${TARGET_PAIRS_PER_SECOND}, ratio ${(perSecond / TARGET_PAIRS_PER_SECOND).toFixed(2)})`,
  );

  const text = set.cvs.map((cv) => cv.text).join("\n");
  const scanStart = process.hrtime.bigint();
  let found = 0;
  for (let i = 0; i < 20; i++) found += findSkillsInText(text).length;
  const scanSeconds = Number(process.hrtime.bigint() - scanStart) / 1e9;
  console.log(
    `findSkillsInText: ${((text.length * 20) / scanSeconds / 1e6).toFixed(1)} MB/s of CV text (${found / 20} mentions per pass)`,
  );

  const jdStart = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) for (const jd of set.jds) deriveJdRequirements(jd);
  const jdSeconds = Number(process.hrtime.bigint() - jdStart) / 1e9;
  console.log(`deriveJdRequirements: ${Math.round((200 * set.jds.length) / jdSeconds)} JDs/s`);
}

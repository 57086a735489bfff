// Field-level scoring of parses against labelled truth (the corpus schema of ../shared/corpus).
// Matching rule: texts are compared after folding (accents stripped, lower-case, punctuation removed,
// whitespace collapsed), so "Co-Founder" = "Cofounder"; phones on digits (a leading country code or
// trunk 0, printed or as "(0)", may differ); e-mails case-insensitively; skills by folded text or by the same taxonomy id.
import fs from "node:fs";
import path from "node:path";
import { lookupSkill } from "../skills/taxonomy.ts";
import type { ParsedCv } from "./schema.ts";

export interface TruthWork {
  company?: string | null;
  title?: string | null;
  start?: string | null;
  end?: string | null;
}

export interface Truth {
  file: string;
  also_applies_to?: string[];
  language?: string;
  name?: string;
  email?: string;
  phone?: string;
  work?: TruthWork[];
  education?: Array<{ institution?: string | null; degree?: string | null }>;
  skills?: string[];
  languages?: string[];
  total_experience_years?: number | null;
}

export interface DocScore {
  id: string;
  file: string;
  name: boolean;
  email: boolean;
  phone: boolean;
  work: { tp: number; fp: number; fn: number; f1: number };
  education: { tp: number; fp: number; fn: number; f1: number };
  skills: { found: number; total: number; recall: number | null };
  years: boolean;
  misses: string[];
}

export function fold(text: string | null | undefined): string {
  return (text ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

function digits(text: string | null | undefined): string {
  return (text ?? "").replace(/\D/g, "");
}

export function samePhone(a: string | null | undefined, b: string | null | undefined): boolean {
  // "+33 (0)6 …": the bracketed trunk zero is not dialled after the country code.
  const x = digits(a?.replace(/\(0\)/g, ""));
  const y = digits(b?.replace(/\(0\)/g, ""));
  if (x === "" || y === "") return x === y;
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const core = short.replace(/^0/, "");
  return long.endsWith(core) && long.length - core.length <= 3 && core.length >= 6;
}

function f1(tp: number, fp: number, fn: number): number {
  if (tp + fp + fn === 0) return 1;
  return (2 * tp) / (2 * tp + fp + fn);
}

/** One-to-one matching of two multisets of keys. */
function matchCounts(
  truth: string[],
  predicted: string[],
): { tp: number; fp: number; fn: number; missed: string[] } {
  const pool = [...predicted];
  let tp = 0;
  const missed: string[] = [];
  for (const t of truth) {
    const i = pool.indexOf(t);
    if (i >= 0) {
      tp++;
      pool.splice(i, 1);
    } else missed.push(t);
  }
  return { tp, fp: pool.length, fn: truth.length - tp, missed };
}

export function scoreDocument(id: string, file: string, truth: Truth, parsed: ParsedCv): DocScore {
  const misses: string[] = [];
  const name = fold(truth.name) === fold(parsed.candidate_name);
  if (!name)
    misses.push(`name: want ${JSON.stringify(truth.name)} got ${JSON.stringify(parsed.candidate_name)}`);
  const email = (truth.email ?? "").toLowerCase() === (parsed.email ?? "").toLowerCase();
  if (!email) misses.push(`email: want ${truth.email} got ${parsed.email}`);
  const phone = truth.phone ? samePhone(truth.phone, parsed.phone) : parsed.phone === null;
  if (!phone) misses.push(`phone: want ${truth.phone} got ${parsed.phone}`);

  const workKey = (c: string | null | undefined, t: string | null | undefined) => `${fold(c)} @ ${fold(t)}`;
  const w = matchCounts(
    (truth.work ?? []).map((x) => workKey(x.company, x.title)),
    parsed.experience.map((x) => workKey(x.company, x.title)),
  );
  if (w.fn > 0 || w.fp > 0) {
    misses.push(`work missed: ${JSON.stringify(w.missed)}`);
    misses.push(`work got: ${JSON.stringify(parsed.experience.map((x) => workKey(x.company, x.title)))}`);
  }
  const e = matchCounts(
    (truth.education ?? []).map((x) => fold(x.institution)),
    parsed.education.map((x) => fold(x.institution)),
  );
  if (e.fn > 0 || e.fp > 0) {
    misses.push(
      `education missed: ${JSON.stringify(e.missed)} got ${JSON.stringify(parsed.education.map((x) => x.institution))}`,
    );
  }
  const predictedSkills = new Set(parsed.skills.map((s) => fold(s.name)));
  const predictedIds = new Set(parsed.skills.map((s) => s.canonical).filter(Boolean));
  const truthSkills = truth.skills ?? [];
  const missedSkills = truthSkills.filter((s) => {
    if (predictedSkills.has(fold(s))) return false;
    const id = lookupSkill(s)?.id;
    return !(id && predictedIds.has(id));
  });
  if (missedSkills.length > 0) misses.push(`skills missed: ${JSON.stringify(missedSkills)}`);
  const truthYears = truth.total_experience_years ?? null;
  const years =
    truthYears === null
      ? parsed.total_experience_years === null
      : parsed.total_experience_years !== null && Math.abs(parsed.total_experience_years - truthYears) <= 1;
  if (!years) misses.push(`years: want ${truthYears} got ${parsed.total_experience_years}`);
  return {
    id,
    file,
    name,
    email,
    phone,
    work: { tp: w.tp, fp: w.fp, fn: w.fn, f1: f1(w.tp, w.fp, w.fn) },
    education: { tp: e.tp, fp: e.fp, fn: e.fn, f1: f1(e.tp, e.fp, e.fn) },
    skills: {
      found: truthSkills.length - missedSkills.length,
      total: truthSkills.length,
      recall:
        truthSkills.length === 0 ? null : (truthSkills.length - missedSkills.length) / truthSkills.length,
    },
    years,
    misses,
  };
}

export interface Summary {
  documents: number;
  name: number;
  email: number;
  phone: number;
  workF1: number;
  workF1Macro: number;
  educationF1: number;
  educationF1Macro: number;
  skillsRecall: number;
  years: number;
}

export function summarise(scores: DocScore[]): Summary {
  const n = scores.length || 1;
  const rate = (pick: (s: DocScore) => boolean) => scores.filter(pick).length / n;
  const sum = (pick: (s: DocScore) => number) => scores.reduce((a, s) => a + pick(s), 0);
  const withSkills = scores.filter((s) => s.skills.total > 0);
  return {
    documents: scores.length,
    name: rate((s) => s.name),
    email: rate((s) => s.email),
    phone: rate((s) => s.phone),
    workF1: f1(
      sum((s) => s.work.tp),
      sum((s) => s.work.fp),
      sum((s) => s.work.fn),
    ),
    workF1Macro: sum((s) => s.work.f1) / n,
    educationF1: f1(
      sum((s) => s.education.tp),
      sum((s) => s.education.fp),
      sum((s) => s.education.fn),
    ),
    educationF1Macro: sum((s) => s.education.f1) / n,
    skillsRecall:
      withSkills.length === 0
        ? 1
        : withSkills.reduce((a, s) => a + s.skills.found, 0) /
          withSkills.reduce((a, s) => a + s.skills.total, 0),
    years: rate((s) => s.years),
  };
}

export interface LabelledDocument {
  id: string;
  file: string;
  truth: Truth;
}

/** Every document of a corpus folder (one sub-folder per CV with a truth.json). */
export function labelledDocuments(corpusDir: string): LabelledDocument[] {
  const out: LabelledDocument[] = [];
  for (const id of fs.readdirSync(corpusDir).sort()) {
    const truthPath = path.join(corpusDir, id, "truth.json");
    if (!fs.existsSync(truthPath)) continue;
    const truth = JSON.parse(fs.readFileSync(truthPath, "utf8")) as Truth;
    for (const file of [truth.file, ...(truth.also_applies_to ?? [])]) {
      out.push({ id, file: path.join(corpusDir, id, file), truth });
    }
  }
  return out;
}

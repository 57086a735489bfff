// The stage functions of the pipeline, each with a narrow input and output. Orchestration (events,
// status, retries) lives in process-cv.ts, so a stage can be deepened without touching it.

import type { ExtractionPool } from "../extraction/pool.ts";
import { hasReadableText, noReadableTextReason } from "../extraction/readable.ts";
import type { ExtractedDocument } from "../extraction/types.ts";
import { ExtractionError } from "../extraction/types.ts";
import { githubMatchEntries } from "../github/match-signal.ts";
import type { GithubAnalysis, GithubAnalyzer, GithubOutcome, SkillRequirement } from "../github/types.ts";
import { findGithubUsername } from "../github/username.ts";
import { LlmError } from "../llm/errors.ts";
import type { LlmCall } from "../llm/usage.ts";
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { isShortlisted } from "../matching/ranking.ts";
import { MIN_LETTERS, NoTextError } from "../parsing/errors.ts";
import type { ParsedCv } from "../parsing/schema.ts";
import { type Storage, StorageNotFoundError, UnrecoverableJobError } from "../ports.ts";
import { analyzeStructure } from "../structure/analyze.ts";
import type { CvStructure } from "../structure/types.ts";
import type { CvEngine } from "./engine.ts";

/** 2. DOWNLOADING: the original file from storage. */
export async function downloadCv(storage: Storage, storageKey: string): Promise<Uint8Array> {
  try {
    return await storage.get(storageKey);
  } catch (error) {
    if (error instanceof StorageNotFoundError)
      throw new UnrecoverableJobError("the CV file is missing from storage");
    throw error;
  }
}

/** 3. EXTRACTING: the document model and its visible text; a document with none fails here. */
export async function extractCv(
  pool: ExtractionPool,
  bytes: Uint8Array,
  filename: string,
): Promise<ExtractedDocument> {
  let doc: ExtractedDocument;
  try {
    doc = await pool.extract(bytes, filename);
  } catch (error) {
    if (error instanceof ExtractionError) throw new UnrecoverableJobError(error.message);
    throw error;
  }
  // Only hidden text (white on white, off the page): nothing a recruiter could read either.
  if (!hasReadableText(doc.text)) throw new UnrecoverableJobError(noReadableTextReason(doc));
  return doc;
}

/** 4. ANALYZING_STRUCTURE: sections and language. */
export function analyzeCvStructure(doc: ExtractedDocument): CvStructure {
  return analyzeStructure(doc);
}

/** 5. PARSING_WITH_AI: the structured parse. */
export async function parseCv(engine: CvEngine, doc: ExtractedDocument, structure: CvStructure, now: Date) {
  try {
    return await engine.parse({ doc, structure, now });
  } catch (error) {
    // Some text was read (extraction saw to that), just too little to be a CV.
    if (error instanceof NoTextError) {
      throw new UnrecoverableJobError(
        `parsing failed: too little text for a CV (fewer than ${MIN_LETTERS} letters)`,
      );
    }
    // A refusal or an answer that stays invalid will not change on retry.
    if (error instanceof LlmError && !error.retryable) {
      throw new UnrecoverableJobError(`parsing failed: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** LLM calls already paid for when a stage failed, so a failed CV is billed like a finished one. */
export function billedCalls(error: unknown): LlmCall[] {
  if (error instanceof LlmError) return error.calls;
  if (error instanceof Error && error.cause instanceof LlmError) return error.cause.calls;
  return [];
}

/** Red flags from extraction that the match and the recruiter must see. */
export function extractionRedFlags(doc: ExtractedDocument): string[] {
  return doc.hiddenText.map((h) => `Hidden text (${h.reason}): "${h.text.slice(0, 200)}"`);
}

/** 6. MATCHING_JD: the explainable match against the batch's JD. */
export async function matchCvToJd(
  engine: CvEngine,
  parsed: ParsedCv,
  jd: JobDescriptionInput,
  doc: ExtractedDocument,
  now: Date,
) {
  return engine.match({ parsed, jd, cvText: doc.text, redFlags: extractionRedFlags(doc), now });
}

/** The GitHub username the CV yields, if any (decides whether stage 7 runs). */
export function githubUsernameOf(parsed: ParsedCv, doc: ExtractedDocument): string | null {
  const links = [...doc.links, ...Object.values(parsed.links).filter((l): l is string => !!l)];
  return findGithubUsername({ links, text: doc.text, parsedGithub: parsed.github_username });
}

/** 7. ANALYZING_GITHUB: the public profile, as a separate signal (any alternative meets a requirement). */
export async function analyzeGithub(
  analyzer: GithubAnalyzer,
  username: string,
  jd: JobDescriptionInput | null,
): Promise<GithubOutcome> {
  return analyzer.analyze(username, jd?.requirements.required_skills ?? []);
}

/** 8. FINALIZING: the GitHub signal folded into the match with its source named, and the shortlist flag. */
export function finalizeMatch(
  match: MatchData | null,
  github: GithubAnalysis | null,
  requiredSkills: readonly SkillRequirement[],
  shortlistThreshold: number | null,
): { match: MatchData | null; shortlisted: boolean } {
  if (!match) return { match: null, shortlisted: false };
  let merged = match;
  if (github) {
    const signal = githubMatchEntries(github, requiredSkills);
    merged = {
      ...match,
      strengths: [...match.strengths, ...signal.strengths],
      red_flags: [...match.red_flags, ...signal.red_flags],
    };
  }
  const shortlisted =
    shortlistThreshold !== null && isShortlisted(merged.overall_match_score, shortlistThreshold);
  return { match: merged, shortlisted };
}

// An engine does the two language stages: parsing and matching. The offline engine is rules only
// (deterministic, free); LLM engines live in src/llm and are chosen by configuration.
import type { ExtractedDocument } from "../extraction/types.ts";
import type { LlmCall } from "../llm/usage.ts";
import { redactForMatching } from "../matching/blind.ts";
import { matchCv } from "../matching/deterministic-matcher.ts";
import type { JobDescriptionInput } from "../matching/jd-schema.ts";
import type { MatchData } from "../matching/match-schema.ts";
import { parseCvOffline } from "../parsing/offline-parser.ts";
import type { ParsedCv } from "../parsing/schema.ts";
import type { CvStructure } from "../structure/types.ts";

export interface ParseInput {
  doc: ExtractedDocument;
  structure: CvStructure;
  now: Date;
}

export interface MatchInput {
  parsed: ParsedCv;
  jd: JobDescriptionInput;
  cvText: string;
  redFlags: string[];
  now: Date;
}

export interface CvEngine {
  name: string;
  parse(input: ParseInput): Promise<{ parsed: ParsedCv; calls: LlmCall[] }>;
  match(input: MatchInput): Promise<{ match: MatchData; calls: LlmCall[] }>;
}

export function createOfflineEngine(): CvEngine {
  return {
    name: "offline",
    async parse(input) {
      return { parsed: parseCvOffline(input), calls: [] };
    },
    async match(input) {
      // Blind by default: the matcher never sees who the candidate is.
      const blind = redactForMatching(input.parsed, input.cvText);
      return { match: matchCv({ ...input, parsed: blind.parsed, cvText: blind.cvText }), calls: [] };
    },
  };
}

// Instruction-like phrases aimed at an AI screener. A CV has no reason to address the model that reads it,
// so such lines are taken out of the text and reported, whether they are visible or not.

const PATTERNS: RegExp[] = [
  /\b(?:ignore|disregard|forget|override)\b[^.\n]{0,30}\b(?:previous|prior|above|earlier|all|any|other|your)\b[^.\n]{0,20}\b(?:instructions?|prompts?|directions?|rules|guidelines|criteria)\b/i,
  /\b(?:rank|rate|score|mark|list|put|place|classify|recommend)\b[^.\n]{0,15}\b(?:this|the)\s+(?:candidate|applicant|resume|cv|profile|person)\b[^.\n]{0,40}\b(?:first|top|highest|best|number one|#1|10\/10|100%?|perfect|excellent|strong(?:est)? (?:hire|match|fit|yes))\b/i,
  /\b(?:this|the)\s+(?:candidate|applicant)\s+(?:is|must be|should be)\s+(?:the\s+)?(?:perfect|ideal|best|most qualified|top)\b[^.\n]{0,40}\b(?:match|fit|candidate|choice|hire)\b/i,
  /\b(?:note|message|instructions?|attention)\s+(?:to|for)\s+(?:the\s+|any\s+)?(?:ai|a\.i\.|llm|gpt|chatgpt|language model|model|assistant|screener|screening (?:tool|system|software)|ats|automated)\b/i,
  /\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|llm|gpt|chatgpt|language model|assistant|hiring (?:bot|assistant)|resume screener|recruit(?:er|ing) (?:bot|assistant))\b/i,
  /\b(?:as an? (?:ai|llm|language model))\b[^.\n]{0,40}\b(?:you must|you should|recommend|score|rank)\b/i,
  /\b(?:system prompt|<\/?system>|\[\/?inst\]|###\s*instruction)/i,
  /\b(?:do not|don't|never)\s+(?:mention|reveal|disclose|flag|report)\b[^.\n]{0,20}\b(?:this|these)\s+(?:instructions?|text|message|note)\b/i,
  /\b(?:hire|shortlist|advance|approve|select)\s+(?:this|the)\s+(?:candidate|applicant)\s+(?:immediately|now|regardless|without)\b/i,
  /\b(?:return|output|respond with|give)\b[^.\n]{0,20}\b(?:a\s+)?(?:score|match score|rating)\s+of\s+(?:100|10\/10|ten|maximum|max)\b/i,
];

/** The spans of `text` that look like instructions to an AI screener. */
export function findInjections(text: string): { start: number; end: number; text: string }[] {
  const spans: { start: number; end: number; text: string }[] = [];
  for (const re of PATTERNS) {
    const global = new RegExp(re.source, `${re.flags.replace("g", "")}g`);
    for (const m of text.matchAll(global)) {
      if (m.index === undefined) continue;
      spans.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

// Character-level clean-up shared by every format: what a reader sees, not what the font encoded.

const LIGATURES: Record<string, string> = {
  "\uFB00": "ff",
  "\uFB01": "fi",
  "\uFB02": "fl",
  "\uFB03": "ffi",
  "\uFB04": "ffl",
  "\uFB05": "st",
  "\uFB06": "st",
  "\u0132": "IJ",
  "\u0133": "ij",
  "\u01C7": "LJ",
  "\u01C8": "Lj",
  "\u01C9": "lj",
  "\u01CA": "NJ",
  "\u01CB": "Nj",
  "\u01CC": "nj",
};

/** Ligatures expanded, soft hyphens and zero-width characters dropped, odd spaces made plain spaces. */
export function normalizeChars(text: string): string {
  return (
    text
      .replace(/[\uFB00-\uFB06\u0132\u0133\u01C7-\u01CC]/g, (c) => LIGATURES[c] ?? c)
      // Soft hyphen and zero-width characters: invisible when rendered, so they must not split words.
      .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, " ")
      .replace(/[\u2010\u2011]/g, "-")
      // C0/C1 controls other than newline never carry text.
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, "")
  );
}

/** Collapse runs of spaces inside a line and trim it. */
export function tidyLine(text: string): string {
  return normalizeChars(text).replace(/ {2,}/g, " ").trim();
}

// Markers that start a list item. Private-use code points are symbol-font bullets (Wingdings, FontAwesome).
const BULLET_RE =
  /^(?:[•●▪■◦○‣⁃∙·►▶▸➢➤✓✔☐❖◆◇♦\u2022\u2023\u2043\u2219\u25AA-\u25AB\u25CF\u25E6\uF000-\uF0FF]|[-–—*+>o](?=\s))\s*/u;
const NUMBERED_RE = /^(?:\(?\d{1,2}[.)]|\(?[a-z][)]|\(?[ivx]{1,4}[.)])\s+(?=\S)/;

/** Detect and strip a bullet or number marker at the start of a line. */
export function splitListMarker(text: string): { text: string; listItem: boolean } {
  const bullet = text.match(BULLET_RE);
  if (bullet && text.length > bullet[0].length) {
    return { text: text.slice(bullet[0].length).trim(), listItem: true };
  }
  const numbered = text.match(NUMBERED_RE);
  if (numbered) return { text: text.slice(numbered[0].length).trim(), listItem: true };
  return { text, listItem: false };
}

/** A lone marker glyph, e.g. a bullet drawn as its own text run. */
export function isBareMarker(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 2 && BULLET_RE.test(`${t} x`) && !/^[a-z0-9]+$/i.test(t);
}

/**
 * Rejoin a word broken across two lines ("manage-" / "ment ..."): true when the first line ends in
 * letter + hyphen and the next starts with a lower-case letter.
 */
export function isBrokenHyphenation(line: string, next: string): boolean {
  if (!/\p{Ll}-$/u.test(line)) return false;
  // A hyphenated compound written in full ("state-of-the-") keeps its hyphen.
  const lastWord = line.slice(line.lastIndexOf(" ") + 1, -1);
  if (lastWord.includes("-")) return false;
  return /^\p{Ll}/u.test(next);
}

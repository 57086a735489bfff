// A skill word inside an organisation's name ("The Linux Foundation", "Python Software Foundation")
// names the issuer of a certificate or an employer, not something the candidate used.

/** Words that end an organisation's name, after at most one word ("Python Software Foundation"). */
const ORG_AFTER =
  /^\s+(?:[A-Z][A-Za-z]+\s+)?(?:Foundation|Institute|Inc|Ltd|LLC|GmbH|Corporation|Corp|Association|Society|Consortium)\b/;

/** True when the mention at `index` (text `match`) is part of an organisation's name. */
export function isOrganisationMention(text: string, mention: { index: number; match: string }): boolean {
  const end = mention.index + mention.match.length;
  return ORG_AFTER.test(text.slice(end, end + 40));
}

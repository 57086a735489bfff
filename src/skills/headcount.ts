// Team-composition phrasing names colleagues, not the writer's skills: "team with 6 dev/devops and 5
// functional coworkers", "3 dev, 1 devops", "managed 4 QA engineers". A skill word used as a head count
// of people must not be credited to the candidate.
import type { SkillMention } from "./taxonomy.ts";

/**
 * A count right before the skill, itself opening a clause ("…, 1 devops", "with 6 dev/devops",
 * "(2 QA"): the count must not follow a word directly, so versions ("Java 8 Spring Boot") never match.
 */
const COUNT_BEFORE =
  /(?:^|[,;:(&+]|\b(?:with|of|and|including|plus|team|managed|led|leading|managing|hired|recruited))\s*\d+(?:\s*[/-]\s*\d+)?\s+(?:[A-Za-z]+\s*\/\s*)*$/i;

/** What follows a counted skill word when it counts people: a people noun, or the end of the item. */
const PEOPLE_AFTER =
  /^(?:\s*(?:engineers?|developers?|devs?|people|persons?|coworkers?|co-workers?|colleagues?|members?|FTEs?|testers?|analysts?|specialists?|experts?|profiles?|consultants?|architects?|admins?|administrators?)\b|\s*(?:$|[,;.)/&+]|and\b|\d))/i;

/** True when `mention` (found in `text`) counts colleagues ("3 dev, 1 devops") rather than naming a skill. */
export function isHeadcountMention(text: string, mention: Pick<SkillMention, "index" | "match">): boolean {
  const before = text.slice(Math.max(0, mention.index - 40), mention.index);
  if (!COUNT_BEFORE.test(before)) return false;
  const after = text.slice(mention.index + mention.match.length, mention.index + mention.match.length + 40);
  return PEOPLE_AFTER.test(after);
}

// The offline CV parser: rules over the structure analysis, no network. Every field comes from text
// the CV prints; what it does not show stays null or empty.
import type { ExtractedDocument } from "../extraction/types.ts";
import type { CvSection, CvStructure, SectionLine } from "../structure/types.ts";
import {
  defaultCountry,
  findEmail,
  findLinks,
  findLocation,
  findName,
  findPhone,
  githubUsername,
} from "./contact.ts";
import { printedCvDate } from "./cv-date.ts";
import { formatCvDate, placeholderCurrent } from "./dates.ts";
import { type Entry, splitEntries } from "./entries.ts";
import { assertEnoughText } from "./errors.ts";
import { isProjectEntry, toExperience } from "./roles.ts";
import { emptyParsedCv, type ParsedCv } from "./schema.ts";
import { mergeSchooling, toEducation, toSchoolEntry } from "./schooling.ts";
import { skillItemsFromLines, skillRows, toSkills } from "./skills.ts";
import { isLanguageName, languageRows, languagesFromSection } from "./spoken.ts";
import { isStaleOpenInternship } from "./stale-roles.ts";
import { totalExperienceYears } from "./total-years.ts";

/** Sections whose "Tech:" rows describe one entry rather than the candidate's skills list. */
const ENTRY_KINDS = new Set(["experience", "education", "projects", "publications"]);

export interface OfflineParseInput {
  doc: ExtractedDocument;
  structure: CvStructure;
  now: Date;
}

function linesOf(sections: CvSection[], kind: CvSection["kind"]): SectionLine[] {
  return sections.filter((s) => s.kind === kind).flatMap((s) => s.lines);
}

function joinText(lines: SectionLine[]): string {
  return lines
    .map((l) => l.text)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
}

export function parseCvOffline(input: OfflineParseInput): ParsedCv {
  const { doc, structure, now } = input;
  assertEnoughText(doc);
  const cv = emptyParsedCv();
  const sections = structure.sections;
  const header = linesOf(sections, "header");
  const allLines = sections.flatMap((s) => s.lines);
  const headerTexts = header.map((l) => l.text);
  const allTexts = allLines.map((l) => l.text);

  cv.candidate_name = findName(header, allLines);
  cv.email = findEmail([...headerTexts, ...allTexts], doc.links);
  // A footer contact block may carry the place; entries' lines hold employers' and schools' places.
  cv.location = findLocation(
    header,
    sections.filter((s) => !ENTRY_KINDS.has(s.kind)).flatMap((s) => s.lines),
  );
  cv.phone = findPhone(headerTexts, allTexts, doc.links, defaultCountry(cv.location, structure.language));
  const links = findLinks(headerTexts.join("\n"), doc.text, doc.links);
  cv.links = links;
  cv.github_username = githubUsername(links, doc.text);

  const summary = linesOf(sections, "summary");
  cv.summary = summary.length > 0 ? joinText(summary) : null;

  // Experience: job entries; project-like entries listed there go to projects.
  const jobEntries: Entry[] = [];
  const projectEntries: Entry[] = [];
  for (const s of sections.filter((x) => x.kind === "experience")) {
    for (const e of splitEntries(s.lines)) (isProjectEntry(e) ? projectEntries : jobEntries).push(e);
  }
  openLatestLoneStart(jobEntries);
  cv.experience = inheritEmployer(
    jobEntries.map((e) => toExperience(e, placeholderCurrent(e.header.map((l) => l.text).join(" ")))),
    jobEntries,
  ).filter((x) => x.title || x.company);
  const spans = jobEntries.filter((e) => e.range).map((e) => e.range as NonNullable<Entry["range"]>);
  const reference = printedCvDate(doc) ?? { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 };
  cv.total_experience_years =
    cv.experience.length === 0 || cv.experience.some((x) => isStaleOpenInternship(x, reference))
      ? null
      : totalExperienceYears(spans, reference);
  const current = cv.experience.find((x) => x.is_current) ?? latestRole(cv.experience);
  cv.current_role = current?.title ?? null;
  cv.current_company = current?.company ?? null;

  const schools = sections
    .filter((x) => x.kind === "education")
    .flatMap((s) => splitEntries(s.lines))
    .map(toSchoolEntry)
    .filter((e) => e.institution || e.degree);
  cv.education = mergeSchooling(schools).map(toEducation);

  // Skills: skills sections, plus "Techs:"-style rows in the header.
  const skillLines = linesOf(sections, "skills");
  const spokenInSkills = languageRows(skillLines);
  const rowLines = sections
    .filter((s) => !ENTRY_KINDS.has(s.kind) && s.kind !== "skills")
    .flatMap((s) => s.lines);
  const skillNames = [
    ...skillItemsFromLines(skillLines.filter((l) => !isSpokenRow(l))),
    ...skillRows(rowLines),
  ];
  cv.skills = toSkills(skillNames.filter((n) => !spokenInSkills.some((s) => s.language === n)));

  const languageSection = linesOf(sections, "languages");
  const spoken = [
    ...languagesFromSection(languageSection),
    ...languageRows(sections.filter((s) => s.kind !== "languages").flatMap((s) => s.lines)),
  ];
  const seen = new Set<string>();
  cv.languages = spoken.filter((l) => {
    const k = l.language.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });

  cv.certifications = linesOf(sections, "certifications")
    .map((l) => l.text.replace(/^\s*(?:\d{4}|\d{1,2}\/\d{4})\s+/, "").trim())
    .filter(Boolean);
  cv.projects = [
    ...projectEntries.map((e) => ({ name: e.headerTexts[0] ?? "", description: joinText(e.body) || null })),
    ...sections
      .filter((s) => s.kind === "projects")
      .flatMap((s) => splitEntries(s.lines))
      .map((e) => ({ name: e.headerTexts[0] ?? "", description: joinText(e.body) || null })),
  ].filter((p) => p.name !== "");
  cv.publications = linesOf(sections, "publications")
    .filter((l) => l.text.length > 15)
    .map((l) => l.text);
  cv.awards = linesOf(sections, "awards").map((l) => l.text);
  return cv;
}

/** Sort key of a partial date ("2016-09" > "2016" > "2015-12"); a year alone sorts as mid-year. */
function dateKey(d: string | null): number {
  if (!d) return -1;
  const [y, m] = d.split("-");
  return Number(y) * 100 + (m ? Number(m) : 6.5);
}

/**
 * The recruiter-facing "current role" when no role is running: the most recent one (latest end, then
 * latest start); undated roles fall back to the first listed, as CVs list newest first.
 */
export function latestRole(roles: ParsedCv["experience"]): ParsedCv["experience"][number] | undefined {
  let best: ParsedCv["experience"][number] | undefined;
  let bestKey = -1;
  for (const r of roles) {
    if (!r.title && !r.company) continue;
    const key = Math.max(dateKey(r.end_date), dateKey(r.start_date));
    if (best === undefined || key > bestKey) [best, bestKey] = [r, key];
  }
  return best;
}

/**
 * "2016 / 09 – Employer" with no end date: on the newest role it means "since then" (a finished
 * one-month role would not top the CV with an open dash); older lone dates stay single months.
 */
function openLatestLoneStart(entries: Entry[]): void {
  const starts = entries.map((e) => (e.range?.start ? formatCvDate(e.range.start) : null));
  const newest = Math.max(-1, ...starts.map(dateKey));
  const ends = entries.map((e) => (e.range?.current ? 1e9 : dateKey(formatCvDate(e.range?.end ?? null))));
  entries.forEach((e, i) => {
    const r = e.range;
    if (!r?.openEnd || r.current || dateKey(starts[i] ?? null) < newest) return;
    // Another role ending after this start means this is not the latest thing on the CV.
    if (ends.some((end, j) => j !== i && end > dateKey(starts[i] ?? null))) return;
    e.range = { ...r, end: null, current: true };
  });
}

/**
 * Several roles at one employer: the employer is printed once, above the first role; later roles
 * show only a title and dates, and take the employer of the role above them.
 */
function inheritEmployer(roles: ParsedCv["experience"], entries: Entry[]): ParsedCv["experience"] {
  return roles.map((role, i) => {
    const prev = roles[i - 1];
    const entry = entries[i] as Entry;
    if (role.company || !role.title || !prev?.company || entry.headerTexts.length !== 1) return role;
    const prevEntry = entries[i - 1] as Entry;
    if (prevEntry.headerTexts.length < 2) return role;
    return { ...role, company: prev.company, location: role.location ?? prev.location };
  });
}

/** A skills-section row listing spoken languages ("Languages: English, French"). */
function isSpokenRow(line: SectionLine): boolean {
  const m = line.text.match(/^[^:]{0,30}:\s*(.+)$/);
  if (!m) return false;
  const items = (m[1] as string).split(/\s*[,;]\s*/).map((i) => i.split(/[\s(-]/)[0] ?? "");
  return items.length > 0 && items.every((i) => isLanguageName(i));
}

// The parse as a JSON Resume v1 document (https://jsonresume.org/schema). Empty values are left out
// rather than written as empty strings; URLs get a scheme because the schema wants RFC 3986 URIs.
import type { ParsedCv } from "./schema.ts";

const NETWORK_NAMES: Record<string, string> = {
  linkedin: "LinkedIn",
  github: "GitHub",
  gitlab: "GitLab",
  twitter: "Twitter",
  orcid: "ORCID",
  stackoverflow: "Stack Overflow",
  medium: "Medium",
  kaggle: "Kaggle",
  behance: "Behance",
  dribbble: "Dribbble",
};

function absoluteUrl(url: string): string | undefined {
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url.replace(/^\/+/, "")}`;
  try {
    return new URL(candidate).toString();
  } catch {
    return undefined;
  }
}

/** Drops null, undefined, empty strings and empty arrays/objects, recursively. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(compact).filter((v) => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, compact(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" && value.trim() === "") return undefined;
  return value;
}

function usernameOf(url: string): string | undefined {
  try {
    const segments = new URL(url).pathname.split("/").filter(Boolean);
    return segments[segments.length - 1];
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toJsonResume(parsed: ParsedCv): Record<string, unknown> {
  const profiles = Object.entries(parsed.links)
    .filter(([key, url]) => key !== "website" && url)
    .map(([key, url]) => {
      const absolute = absoluteUrl(url as string);
      return {
        network: NETWORK_NAMES[key] ?? key,
        url: absolute,
        username: absolute ? usernameOf(absolute) : undefined,
      };
    });
  const doc = {
    $schema: "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
    basics: {
      name: parsed.candidate_name,
      label: parsed.current_role,
      email: parsed.email && EMAIL.test(parsed.email) ? parsed.email : undefined,
      phone: parsed.phone,
      url: parsed.links.website ? absoluteUrl(parsed.links.website) : undefined,
      summary: parsed.summary,
      location: parsed.location ? { address: parsed.location } : undefined,
      profiles,
    },
    work: parsed.experience.map((x) => ({
      name: x.company,
      position: x.title,
      location: x.location,
      startDate: x.start_date,
      endDate: x.is_current ? undefined : x.end_date,
      summary: x.description,
      highlights: x.highlights,
    })),
    education: parsed.education.map((e) => ({
      institution: e.institution,
      area: e.field,
      studyType: e.degree,
      startDate: e.start_date,
      endDate: e.end_date,
      score: e.grade,
    })),
    skills: parsed.skills.map((s) => ({ name: s.name, keywords: s.category ? [s.category] : undefined })),
    languages: parsed.languages.map((l) => ({ language: l.language, fluency: l.proficiency })),
    certificates: parsed.certifications.map((name) => ({ name })),
    projects: parsed.projects.map((p) => ({ name: p.name, description: p.description })),
    publications: parsed.publications.map((name) => ({ name })),
    awards: parsed.awards.map((title) => ({ title })),
  };
  return (compact(doc) as Record<string, unknown> | undefined) ?? {};
}

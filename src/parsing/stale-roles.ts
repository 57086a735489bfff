// Self-contradicting roles: an internship printed as running to "present" for years is a template
// left unedited or a typo, not years of experience; totals built on it would mislead a recruiter.
import { foldText } from "../structure/fold.ts";
import type { Experience } from "./schema.ts";

const SHORT_ROLE =
  /\b(intern|interns|internship|summer|stagiaire|stage|praktikant|praktikantin|praktikum|becario|becaria|pasante|practicante|estagiario|estagiaria|estagio|tirocinante|werkstudent)\b/;
/** Internships last months; one still "present" after this many years contradicts its own title. */
const MAX_OPEN_INTERNSHIP_YEARS = 3;

export function isStaleOpenInternship(role: Experience, reference: { year: number; month: number }): boolean {
  if (!role.is_current || !role.start_date || !role.title) return false;
  if (!SHORT_ROLE.test(foldText(role.title))) return false;
  const [y, m] = role.start_date.split("-");
  const startMonths = Number(y) * 12 + (m ? Number(m) - 1 : 6);
  const refMonths = reference.year * 12 + reference.month - 1;
  return refMonths - startMonths > MAX_OPEN_INTERNSHIP_YEARS * 12;
}

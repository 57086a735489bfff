// Synthetic labelled CVs for the parser evaluation: built from known truth across layouts
// (company-first, role-first, date-first, several roles at one company), formats (PDF via pdfkit, DOCX
// via docx, TXT) and languages (en, fr, es, de), each with a truth.json in the corpus schema.
// `node --import tsx scripts/make-parse-fixtures.ts OUT_DIR [COUNT]`; eval-parse --synthetic uses it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Document, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";

type Lang = "en" | "fr" | "es" | "de";
type Layout = "company-first" | "role-first" | "date-first" | "nested-roles";
type Format = "pdf" | "docx" | "txt";

interface Ym {
  y: number;
  m: number | null;
}
interface Role {
  company: string;
  title: string;
  city: string;
  start: Ym | null;
  end: Ym | "present" | null;
  bullets: string[];
}
interface Study {
  institution: string;
  degree: string;
  field: string;
  start: number;
  end: number;
}
interface Person {
  lang: Lang;
  name: string;
  email: string;
  phone: string;
  city: string;
  roles: Role[];
  studies: Study[];
  skills: string[];
  languages: string[];
  headlineTitle: string;
}

/** Deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Alice",
  "Bruno",
  "Carmen",
  "Dieter",
  "Elena",
  "François",
  "Greta",
  "Hugo",
  "Inès",
  "Jonas",
  "Karla",
  "Luis",
  "Marie",
  "Nils",
  "Olivia",
  "Pablo",
  "Quentin",
  "Rosa",
  "Stefan",
  "Tomás",
];
const LAST = [
  "Martin",
  "García",
  "Müller",
  "Dubois",
  "Schneider",
  "López",
  "Bernard",
  "Fischer",
  "Moreau",
  "Fernández",
  "Weber",
  "Laurent",
  "Sánchez",
  "Becker",
  "Rousseau",
  "Navarro",
];
const COMPANIES = [
  "Acme Software GmbH",
  "Nordwind Logistics",
  "Banco Solar S.A.",
  "Datapoint SAS",
  "Quantix Labs",
  "Helios Energy AG",
  "Mercado Digital",
  "Lumen Analytics Ltd",
  "Orbital Systems Inc.",
  "Vinci Conseil",
];
const CITIES: Record<Lang, string[]> = {
  en: ["London, UK", "Dublin, Ireland", "Boston, MA", "Austin, TX"],
  fr: ["Lyon, France", "Paris, France", "Nantes, France", "Lille, France"],
  es: ["Madrid, España", "Sevilla, España", "Valencia, España", "Bilbao, España"],
  de: ["Berlin, Germany", "München, Germany", "Hamburg, Germany", "Köln, Germany"],
};
const TITLES: Record<Lang, string[]> = {
  en: [
    "Software Engineer",
    "Senior Data Analyst",
    "Backend Developer",
    "Product Manager",
    "DevOps Engineer",
    "QA Engineer",
  ],
  fr: [
    "Ingénieur logiciel",
    "Développeur backend",
    "Chef de projet",
    "Analyste de données",
    "Ingénieur DevOps",
    "Stagiaire développeur",
  ],
  es: [
    "Desarrollador backend",
    "Ingeniero de software",
    "Analista de datos",
    "Jefe de proyecto",
    "Ingeniero DevOps",
    "Becario de desarrollo",
  ],
  de: [
    "Softwareentwickler",
    "Berater IT",
    "Projektleiter",
    "Datenanalyst",
    "Werkstudent Entwicklung",
    "DevOps Engineer",
  ],
};
const SCHOOLS: Record<Lang, string[]> = {
  en: ["University of Leeds", "Trinity College Dublin", "University of Texas at Austin"],
  fr: ["Université Lyon 1", "École Centrale de Nantes", "Université de Lille"],
  es: ["Universidad Politécnica de Madrid", "Universidad de Sevilla", "Universidad de Valencia"],
  de: ["Technische Universität München", "Universität Hamburg", "Hochschule Köln"],
};
const DEGREES: Record<Lang, Array<[string, string]>> = {
  en: [
    ["BSc", "Bachelor"],
    ["MSc", "Master"],
  ],
  fr: [
    ["Licence", "Bachelor"],
    ["Master", "Master"],
  ],
  es: [
    ["Grado", "Bachelor"],
    ["Máster", "Master"],
  ],
  de: [
    ["B.Sc.", "Bachelor"],
    ["M.Sc.", "Master"],
  ],
};
const FIELDS: Record<Lang, string[]> = {
  en: ["Computer Science", "Mathematics"],
  fr: ["Informatique", "Mathématiques appliquées"],
  es: ["Ingeniería Informática", "Matemáticas"],
  de: ["Informatik", "Wirtschaftsinformatik"],
};
const SKILLS = [
  "Python",
  "Java",
  "TypeScript",
  "React",
  "Node.js",
  "PostgreSQL",
  "Docker",
  "Kubernetes",
  "AWS",
  "Git",
  "Terraform",
  "Kafka",
  "Go",
  "SQL",
  "Spark",
  "Linux",
];
const LANGS: Record<Lang, string[]> = {
  en: ["English", "French", "Spanish", "German"],
  fr: ["Français", "Anglais", "Espagnol", "Allemand"],
  es: ["Español", "Inglés", "Francés", "Alemán"],
  de: ["Deutsch", "Englisch", "Französisch", "Spanisch"],
};
const LEVELS: Record<Lang, string[]> = {
  en: ["native", "fluent", "B2"],
  fr: ["langue maternelle", "courant", "B2"],
  es: ["nativo", "fluido", "B2"],
  de: ["Muttersprache", "fließend", "B2"],
};
const HEADINGS: Record<Lang, Record<string, string[]>> = {
  en: {
    summary: ["Summary", "Profile"],
    experience: ["Work Experience", "Professional Experience", "EXPERIENCE"],
    education: ["Education", "EDUCATION"],
    skills: ["Skills & Tools", "Technical Skills", "SKILLS"],
    languages: ["Languages"],
  },
  fr: {
    summary: ["Profil"],
    experience: ["Expérience professionnelle", "EXPÉRIENCES"],
    education: ["Formation", "FORMATION"],
    skills: ["Compétences & Outils", "Compétences techniques"],
    languages: ["Langues"],
  },
  es: {
    summary: ["Perfil"],
    experience: ["Experiencia profesional", "EXPERIENCIA"],
    education: ["Formación académica", "Educación"],
    skills: ["Habilidades y herramientas", "Conocimientos"],
    languages: ["Idiomas"],
  },
  de: {
    summary: ["Profil", "Kurzprofil"],
    experience: ["Berufserfahrung", "BERUFLICHER WERDEGANG"],
    education: ["Ausbildung", "Studium"],
    skills: ["Kenntnisse & Tools", "IT-Kenntnisse"],
    languages: ["Sprachen"],
  },
};
const PRESENT: Record<Lang, string[]> = {
  en: ["present", "Present", "Current"],
  fr: ["aujourd'hui", "Aujourd'hui", "présent"],
  es: ["actualidad", "presente", "Actualidad"],
  de: ["heute", "heute", "aktuell"],
};
const MONTHS: Record<Lang, string[]> = {
  en: ["Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"],
  fr: ["Janv.", "Févr.", "Mars", "Avril", "Mai", "Juin", "Juil.", "Août", "Sept.", "Oct.", "Nov.", "Déc."],
  es: [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
  ],
  de: [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
  ],
};
const PHONES: Record<Lang, string[]> = {
  en: ["+44 7700 900123", "+353 87 123 4567", "(+44) 20 7946 0958"],
  fr: ["+33 6 12 34 56 78", "06 23 45 67 89", "+33 (0)7 81 22 33 44"],
  es: ["+34 612 345 678", "612 34 56 78", "+34 91 123 45 67"],
  de: ["+49 151 23456789", "0171 2345678", "+49 (0)30 1234567"],
};
const BULLETS: Record<Lang, string[]> = {
  en: [
    "Built services used by thousands of customers every day",
    "Reduced deployment time by half with a new pipeline",
    "Mentored two junior engineers on the team",
  ],
  fr: [
    "Conception de services utilisés par des milliers de clients",
    "Réduction du temps de déploiement de moitié",
    "Encadrement de deux développeurs juniors",
  ],
  es: [
    "Desarrollo de servicios usados por miles de clientes",
    "Reducción del tiempo de despliegue a la mitad",
    "Mentoría de dos desarrolladores junior",
  ],
  de: [
    "Entwicklung von Diensten für tausende Kunden täglich",
    "Halbierung der Deployment-Zeit durch eine neue Pipeline",
    "Betreuung von zwei Junior-Entwicklern im Team",
  ],
};

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function formatYm(d: Ym, lang: Lang, style: number): string {
  if (d.m === null) return String(d.y);
  if (style === 1) return `${String(d.m).padStart(2, "0")}/${d.y}`;
  return `${MONTHS[lang][d.m - 1]} ${d.y}`;
}

function formatRange(role: Role | Study, lang: Lang, style: number, r: () => number): string {
  if ("institution" in role) return `${role.start} – ${role.end}`;
  if (!role.start) return "";
  const end =
    role.end === "present" ? pick(r, PRESENT[lang]) : role.end ? formatYm(role.end, lang, style) : "";
  const sep = pick(r, [" – ", " - ", " — "]);
  return `${formatYm(role.start, lang, style)}${sep}${end}`;
}

const INTERNSHIP = /\b(intern|stagiaire|becario|werkstudent)\b/i;

function makePerson(r: () => number, lang: Lang, layout: Layout): Person {
  const first = pick(r, FIRST);
  const last = pick(r, LAST);
  const city = pick(r, CITIES[lang]);
  const roles: Role[] = [];
  let year = 2025;
  let month = 1 + Math.floor(r() * 12);
  const count = 2 + Math.floor(r() * 3);
  const companies = [...COMPANIES].sort(() => r() - 0.5);
  const yearOnly = r() < 0.25;
  for (let i = 0; i < count; i++) {
    const length = 8 + Math.floor(r() * 30);
    const endIndex = year * 12 + month - 1;
    const startIndex = endIndex - length;
    const start: Ym = { y: Math.floor(startIndex / 12), m: yearOnly ? null : (startIndex % 12) + 1 };
    const end: Ym | "present" =
      i === 0 && r() < 0.6
        ? "present"
        : { y: Math.floor(endIndex / 12), m: yearOnly ? null : (endIndex % 12) + 1 };
    const nested = layout === "nested-roles" && i === 1;
    const company = nested ? (roles[0] as Role).company : (companies[i] as string);
    const undated = r() < 0.08 && i === count - 1;
    roles.push({
      company,
      // An internship still running years later contradicts itself (the parser then gives no total):
      // the running role is never an internship.
      title: pick(
        r,
        TITLES[lang].filter(
          (t) =>
            !roles.some((x) => x.title === t && x.company === company) &&
            !(end === "present" && INTERNSHIP.test(t)),
        ),
      ),
      city: pick(r, CITIES[lang]),
      start: undated ? null : start,
      end: undated ? null : end,
      bullets: BULLETS[lang].slice(0, 1 + Math.floor(r() * 3)),
    });
    year = Math.floor((startIndex - 2) / 12);
    month = ((startIndex - 2) % 12) + 1;
  }
  const school = pick(r, SCHOOLS[lang]);
  const twoAtOne = r() < 0.5;
  const field = pick(r, FIELDS[lang]);
  const studies: Study[] = [
    { institution: school, degree: DEGREES[lang][1]?.[0] as string, field, start: year - 2, end: year },
    {
      institution: twoAtOne
        ? school
        : pick(
            r,
            SCHOOLS[lang].filter((s) => s !== school),
          ),
      degree: DEGREES[lang][0]?.[0] as string,
      field,
      start: year - 5,
      end: year - 2,
    },
  ];
  const skills = [...SKILLS].sort(() => r() - 0.5).slice(0, 5 + Math.floor(r() * 6));
  const languages = [...LANGS[lang]].sort(() => r() - 0.5).slice(0, 2 + Math.floor(r() * 2));
  const local = `${first}.${last}`
    .normalize("NFKD")
    .replace(/[^\w.]/g, "")
    .toLowerCase();
  return {
    lang,
    name: `${first} ${last}`,
    email: `${local}@example.${lang === "en" ? "com" : lang}`,
    phone: pick(r, PHONES[lang]),
    city,
    roles,
    studies,
    skills,
    languages,
    headlineTitle: (roles[0] as Role).title,
  };
}

type Line = { text: string; kind: "name" | "heading" | "strong" | "plain" | "bullet" | "small" };

function cvLines(p: Person, layout: Layout, r: () => number): Line[] {
  const lang = p.lang;
  const h = HEADINGS[lang];
  const style = Math.floor(r() * 2);
  const lines: Line[] = [
    { text: p.name, kind: "name" },
    { text: p.headlineTitle, kind: "plain" },
    { text: `${p.email} | ${p.phone} | ${p.city}`, kind: "small" },
  ];
  lines.push({ text: pick(r, h.summary as string[]), kind: "heading" });
  lines.push({ text: pick(r, BULLETS[lang]), kind: "plain" });
  lines.push({ text: pick(r, h.experience as string[]), kind: "heading" });
  let previousCompany = "";
  for (const role of p.roles) {
    const dates = formatRange(role, lang, style, r);
    if (layout === "company-first" || layout === "nested-roles") {
      if (role.company !== previousCompany)
        lines.push({ text: `${role.company}, ${role.city}`, kind: "strong" });
      lines.push({ text: [role.title, dates].filter(Boolean).join("  "), kind: "plain" });
    } else if (layout === "role-first") {
      lines.push({
        text: [`${role.title}, ${role.company} – ${role.city}`, dates].filter(Boolean).join("  "),
        kind: "strong",
      });
    } else {
      lines.push({
        text: [dates, `${role.title}, ${role.company}, ${role.city}`].filter(Boolean).join("  "),
        kind: "strong",
      });
    }
    previousCompany = role.company;
    for (const b of role.bullets) lines.push({ text: b, kind: "bullet" });
  }
  lines.push({ text: pick(r, h.education as string[]), kind: "heading" });
  for (const s of p.studies) {
    const degree = `${s.degree} ${lang === "en" ? "in" : lang === "de" ? "" : "en"} ${s.field}`.replace(
      /\s+/g,
      " ",
    );
    if (layout === "date-first")
      lines.push({ text: `${s.start} – ${s.end}  ${degree}, ${s.institution}`, kind: "strong" });
    else {
      lines.push({ text: s.institution, kind: "strong" });
      lines.push({ text: `${degree}  ${s.start} – ${s.end}`, kind: "plain" });
    }
  }
  lines.push({ text: pick(r, h.skills as string[]), kind: "heading" });
  const half = Math.ceil(p.skills.length / 2);
  if (r() < 0.5) lines.push({ text: p.skills.join(", "), kind: "plain" });
  else {
    lines.push({ text: `Backend: ${p.skills.slice(0, half).join(", ")}`, kind: "plain" });
    lines.push({ text: `Tools: ${p.skills.slice(half).join(", ")}`, kind: "plain" });
  }
  lines.push({ text: pick(r, h.languages as string[]), kind: "heading" });
  for (const [i, l] of p.languages.entries())
    lines.push({ text: `${l} – ${LEVELS[lang][i % 3]}`, kind: "plain" });
  return lines;
}

function truthOf(p: Person, file: string, layout: Layout): Record<string, unknown> {
  const ym = (d: Ym | null) => (d ? (d.m ? `${d.y}-${String(d.m).padStart(2, "0")}` : String(d.y)) : null);
  return {
    file,
    language: p.lang,
    layout: `single-column (${layout})`,
    name: p.name,
    email: p.email,
    phone: p.phone,
    location: p.city,
    headline: p.headlineTitle,
    work: p.roles.map((r) => ({
      company: r.company,
      title: r.title,
      location: r.city,
      start: ym(r.start),
      end: r.end === "present" ? "present" : ym(r.end),
    })),
    education: p.studies.map((s) => ({
      institution: s.institution,
      degree: s.degree,
      field: s.field,
      start: String(s.start),
      end: String(s.end),
    })),
    skills: p.skills,
    languages: p.languages,
    total_experience_years: totalYears(p.roles),
  };
}

/** The corpus rule, written independently of the parser: month-inclusive union, year-only = 1 July. */
function totalYears(roles: Role[]): number {
  const DAY = 86_400_000;
  const start = (d: Ym) => Date.UTC(d.y, d.m ? d.m - 1 : 6, 1) / DAY;
  const end = (d: Ym) => (d.m ? Date.UTC(d.y, d.m, 1) : Date.UTC(d.y, 6, 1)) / DAY;
  const spans = roles
    .filter((r) => r.start && r.end)
    .map(
      (r) =>
        [start(r.start as Ym), r.end === "present" ? Date.UTC(2026, 11, 1) / DAY : end(r.end as Ym)] as [
          number,
          number,
        ],
    )
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const s of spans) {
    if (cur && s[0] <= cur[1]) cur[1] = Math.max(cur[1], s[1]);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [...s];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return Math.round((total / 365.25) * 10) / 10;
}

async function renderPdf(lines: Line[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 50 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  for (const l of lines) {
    if (l.kind === "name") doc.font("Helvetica-Bold").fontSize(22).text(l.text);
    else if (l.kind === "heading")
      doc.moveDown(0.6).font("Helvetica-Bold").fontSize(14).text(l.text).moveDown(0.2);
    else if (l.kind === "strong") doc.moveDown(0.3).font("Helvetica-Bold").fontSize(10.5).text(l.text);
    else if (l.kind === "bullet") doc.font("Helvetica").fontSize(10).text(`•  ${l.text}`, { indent: 12 });
    else if (l.kind === "small") doc.font("Helvetica").fontSize(9).text(l.text);
    else doc.font("Helvetica").fontSize(10.5).text(l.text);
  }
  doc.end();
  return done;
}

async function renderDocx(lines: Line[]): Promise<Buffer> {
  const children = lines.map((l) => {
    const size = l.kind === "name" ? 44 : l.kind === "heading" ? 28 : l.kind === "small" ? 18 : 21;
    const bold = l.kind === "name" || l.kind === "heading" || l.kind === "strong";
    const text = l.kind === "bullet" ? `• ${l.text}` : l.text;
    return new Paragraph({ children: [new TextRun({ text, bold, size })] });
  });
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function renderTxt(lines: Line[]): Buffer {
  const out: string[] = [];
  for (const l of lines) {
    if (l.kind === "heading") out.push("", l.text.toUpperCase(), "");
    else if (l.kind === "strong") out.push("", l.text);
    else if (l.kind === "bullet") out.push(`- ${l.text}`);
    else out.push(l.text);
  }
  return Buffer.from(`${out.join("\n")}\n`, "utf8");
}

const LAYOUTS: Layout[] = ["company-first", "role-first", "date-first", "nested-roles"];
const LANGS_ORDER: Lang[] = ["en", "fr", "es", "de"];
const FORMATS: Format[] = ["pdf", "docx", "txt"];

/** Writes `count` CVs (one folder each, with truth.json) into `dir`; returns how many. */
export async function writeSyntheticCorpus(dir: string, count = 120, seed = 7): Promise<number> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const lang = LANGS_ORDER[i % LANGS_ORDER.length] as Lang;
    const layout = LAYOUTS[Math.floor(i / 4) % LAYOUTS.length] as Layout;
    const format = FORMATS[Math.floor(i / 16) % FORMATS.length] as Format;
    const person = makePerson(r, lang, layout);
    const lines = cvLines(person, layout, r);
    const id = `syn-${String(i).padStart(3, "0")}-${lang}-${layout}`;
    const file = `cv.${format}`;
    const bytes =
      format === "pdf"
        ? await renderPdf(lines)
        : format === "docx"
          ? await renderDocx(lines)
          : renderTxt(lines);
    fs.mkdirSync(path.join(dir, id), { recursive: true });
    fs.writeFileSync(path.join(dir, id, file), bytes);
    fs.writeFileSync(
      path.join(dir, id, "truth.json"),
      `${JSON.stringify(truthOf(person, file, layout), null, 2)}\n`,
    );
  }
  return count;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error("usage: make-parse-fixtures.ts OUT_DIR [COUNT]");
  const n = await writeSyntheticCorpus(path.resolve(out), Number(process.argv[3] ?? 120));
  console.log(`wrote ${n} CVs to ${out}`);
}

// Generated CVs (PDF via pdfkit, DOCX via docx) from known profiles, for pipeline tests.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";

export interface CvProfile {
  name: string;
  email: string;
  phone: string;
  title: string;
  github?: string;
  summary: string;
  roles: Array<{ title: string; company: string; start: string; end: string; bullets: string[] }>;
  education: Array<{ degree: string; institution: string; start: string; end: string }>;
  skills: string[];
}

const FIRST = [
  "Alice",
  "Bruno",
  "Chen",
  "Dana",
  "Emeka",
  "Fatima",
  "Goran",
  "Hana",
  "Ivan",
  "Julia",
  "Kofi",
  "Lena",
];
const LAST = ["Smith", "Garcia", "Wang", "Kowalski", "Okafor", "Haddad", "Novak", "Sato", "Petrov", "Rossi"];
const STACKS = [
  { title: "Backend Engineer", skills: ["Python", "Django", "PostgreSQL", "Docker", "AWS", "Redis"] },
  { title: "Frontend Developer", skills: ["JavaScript", "TypeScript", "React", "CSS", "GraphQL", "Jest"] },
  { title: "Java Developer", skills: ["Java", "Spring Boot", "Hibernate", "Maven", "Oracle", "Kafka"] },
  { title: "Data Engineer", skills: ["Python", "Apache Spark", "SQL", "Airflow", "Kubernetes", "Scala"] },
];
const COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella Labs", "Stark Industries", "Wayne Analytics"];
const SCHOOLS = [
  "University of Leeds",
  "Technical University of Munich",
  "University of Toronto",
  "KTH Royal Institute",
];

/** Deterministic profiles: the same index always gives the same CV. */
export function profile(i: number, options: { github?: boolean } = {}): CvProfile {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[(i * 7) % LAST.length]!;
  const stack = STACKS[i % STACKS.length]!;
  const startYear = 2012 + (i % 6);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${i}@example.com`.toLowerCase(),
    phone: `+44 20 7946 ${String(1000 + i).slice(-4)}`,
    title: stack.title,
    github: options.github ? `${first}${last}${i}`.toLowerCase() : undefined,
    summary: `${stack.title} with experience building reliable systems.`,
    roles: [
      {
        title: `Senior ${stack.title}`,
        company: COMPANIES[i % COMPANIES.length]!,
        start: `${startYear + 4}-03`,
        end: "Present",
        bullets: [
          `Built services with ${stack.skills[0]} and ${stack.skills[1]}`,
          `Ran ${stack.skills[3]} in production`,
        ],
      },
      {
        title: stack.title,
        company: COMPANIES[(i + 1) % COMPANIES.length]!,
        start: `${startYear}-09`,
        end: `${startYear + 4}-02`,
        bullets: [`Developed features using ${stack.skills[2]}`],
      },
    ],
    education: [
      {
        degree: "BSc Computer Science",
        institution: SCHOOLS[i % SCHOOLS.length]!,
        start: String(startYear - 4),
        end: String(startYear),
      },
    ],
    skills: stack.skills,
  };
}

function lines(p: CvProfile): Array<{ text: string; heading?: boolean; title?: boolean }> {
  const out: Array<{ text: string; heading?: boolean; title?: boolean }> = [
    { text: p.name, title: true },
    { text: p.title },
    { text: `${p.email} | ${p.phone}${p.github ? ` | github.com/${p.github}` : ""}` },
    { text: "Summary", heading: true },
    { text: p.summary },
    { text: "Experience", heading: true },
  ];
  for (const r of p.roles) {
    out.push({ text: `${r.title} — ${r.company}` }, { text: `${r.start} – ${r.end}` });
    for (const b of r.bullets) out.push({ text: `• ${b}` });
  }
  out.push({ text: "Education", heading: true });
  for (const e of p.education)
    out.push({ text: `${e.degree}, ${e.institution}` }, { text: `${e.start} – ${e.end}` });
  out.push({ text: "Skills", heading: true }, { text: p.skills.join(", ") });
  return out;
}

export function cvPdf(p: CvProfile): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", margin: 50, info: { Title: `${p.name} CV` } });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    for (const l of lines(p)) {
      if (l.title) doc.font("Helvetica-Bold").fontSize(20).text(l.text);
      else if (l.heading) doc.moveDown(0.5).font("Helvetica-Bold").fontSize(13).text(l.text.toUpperCase());
      else doc.font("Helvetica").fontSize(10).text(l.text);
    }
    doc.end();
  });
}

export function cvDocx(p: CvProfile): Promise<Buffer> {
  const children = lines(p).map((l) =>
    l.title
      ? new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(l.text)] })
      : l.heading
        ? new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(l.text)] })
        : new Paragraph({ children: [new TextRun(l.text)] }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** `count` CVs alternating PDF and DOCX. */
export async function makeCvFiles(
  count: number,
  options: { github?: (i: number) => boolean } = {},
): Promise<Array<{ filename: string; bytes: Buffer; profile: CvProfile }>> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const p = profile(i, { github: options.github?.(i) ?? false });
    const pdf = i % 2 === 0;
    const base = p.name.toLowerCase().replace(/\s+/g, "_");
    out.push({
      filename: `${base}_${i}.${pdf ? "pdf" : "docx"}`,
      bytes: pdf ? await cvPdf(p) : await cvDocx(p),
      profile: p,
    });
  }
  return out;
}

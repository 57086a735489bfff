// Builds the labelled CV–JD set for `npm run eval:match`: five job descriptions and CVs generated from
// known profiles (archetypes). Each archetype's graded relevance (0–3) to each JD is written here, from
// the profile's design (stack, seniority), before and independently of any matcher output.
// Run: node --import tsx scripts/make-match-fixtures.ts  → test/fixtures/matching/eval-set.json
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { emptyParsedCv, type ParsedCv } from "../src/parsing/schema.ts";

export interface EvalJd {
  id: string;
  title: string;
  description: string;
}

export interface EvalCv {
  id: string;
  archetype: string;
  parsed: ParsedCv;
  text: string;
}

export interface EvalSet {
  now: string;
  jds: EvalJd[];
  cvs: EvalCv[];
  /** relevance[jdId][cvId] = 0..3 */
  relevance: Record<string, Record<string, number>>;
}

export const EVAL_NOW = "2026-06-15T00:00:00Z";

export const EVAL_JDS: EvalJd[] = [
  {
    id: "jd-frontend",
    title: "Senior Frontend Engineer (React)",
    description: `About us
We build scheduling software for clinics.

What you'll do:
- Build product features in React and TypeScript
- Own our design system and front-end performance

Requirements:
- 5+ years of professional software development experience
- Strong JavaScript and TypeScript skills
- 3+ years of experience with React
- Experience with REST APIs and automated testing (Jest or similar)
- Good communication skills

Nice to have:
- Next.js, GraphQL
- Bachelor's degree in Computer Science or a related field`,
  },
  {
    id: "jd-java",
    title: "Senior Backend Engineer (Java)",
    description: `The role
You will design and run the services behind our payments platform.

Requirements
- 5+ years of professional experience building backend services
- Expert Java and Spring Boot
- Solid SQL and PostgreSQL
- Experience with Kafka or another message broker
- Docker; microservices
- BSc in Computer Science or equivalent

Nice to have
- Kubernetes, AWS
- Mentoring junior engineers`,
  },
  {
    id: "jd-data-science",
    title: "Data Scientist",
    description: `What you'll do
Build and ship predictive models for demand forecasting.

What we're looking for
- 3+ years of experience in data science or machine learning
- Strong Python (pandas, scikit-learn)
- Strong SQL
- Solid statistics and A/B testing
- Master's degree or PhD in Statistics, Mathematics, Computer Science or a related field
- Ability to explain results to non-technical stakeholders

Bonus
- PyTorch or TensorFlow, Spark, Airflow`,
  },
  {
    id: "jd-devops",
    title: "DevOps Engineer",
    description: `Responsibilities
- Run our Kubernetes clusters on AWS
- Manage infrastructure as code with Terraform
- Build and maintain CI/CD pipelines

Requirements
- 4+ years of experience in DevOps, SRE or infrastructure roles
- Must have: Kubernetes, Terraform, AWS
- Docker, Linux, CI/CD (GitHub Actions, Jenkins or GitLab CI)
- Scripting in Python or Bash
- Monitoring with Prometheus and Grafana

Nice to have
- Helm, Argo CD
Fully remote position.`,
  },
  {
    id: "jd-ios",
    title: "Senior iOS Engineer",
    description: `Requirements
- 5+ years building iOS apps
- Expert in Swift and SwiftUI; UIKit
- Experience with Xcode, unit testing (XCTest) and App Store deployment
- Strong problem solving

Nice to have
- Combine, Core Data
- Kotlin Multiplatform`,
  },
];

interface RoleTemplate {
  titles: string[];
  /** Skills written into the role's bullets. */
  skills: string[];
  /** Share of the career spent in this role, oldest first. */
  weight: number;
}

interface Archetype {
  id: string;
  headline: string;
  years: [number, number];
  roles: RoleTemplate[];
  skillsSection: string[];
  /** Extra skills, some picked per CV. */
  optional: string[];
  degree: { level: string; field: string } | null;
  relevance: Record<string, number>;
}

const R = (fe: number, java: number, ds: number, devops: number, ios: number) => ({
  "jd-frontend": fe,
  "jd-java": java,
  "jd-data-science": ds,
  "jd-devops": devops,
  "jd-ios": ios,
});

// Relevance grades by design: 3 = the profile the JD describes, 2 = strong with a gap (a stand-in stack,
// fewer years than asked but close), 1 = adjacent (right stack but far too junior, or neighbouring role),
// 0 = not a fit, including the hard negatives (Java for JavaScript, a senior title on the wrong stack).
const ARCHETYPES: Archetype[] = [
  {
    id: "fe-senior",
    headline: "Senior Frontend Engineer",
    years: [6, 10],
    roles: [
      {
        titles: ["Frontend Developer", "Web Developer"],
        skills: ["JavaScript", "HTML", "CSS", "jQuery"],
        weight: 1,
      },
      {
        titles: ["Senior Frontend Engineer", "Senior Software Engineer, Web"],
        skills: ["React", "TypeScript", "Redux", "Jest", "REST APIs"],
        weight: 2,
      },
    ],
    skillsSection: ["React", "TypeScript", "JavaScript", "Redux", "Jest", "CSS"],
    optional: ["Next.js", "GraphQL", "Storybook", "Webpack", "Cypress"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(3, 0, 0, 0, 0),
  },
  {
    id: "fe-junior",
    headline: "Junior Frontend Developer",
    years: [1, 2],
    roles: [
      { titles: ["Junior Frontend Developer"], skills: ["React", "JavaScript", "HTML", "CSS"], weight: 1 },
    ],
    skillsSection: ["React", "JavaScript", "HTML", "CSS"],
    optional: ["TypeScript", "Git"],
    degree: { level: "BSc", field: "Information Systems" },
    relevance: R(1, 0, 0, 0, 0),
  },
  {
    id: "fe-vue",
    headline: "Senior Frontend Engineer",
    years: [6, 9],
    roles: [
      { titles: ["Web Developer"], skills: ["JavaScript", "HTML", "CSS"], weight: 1 },
      {
        titles: ["Senior Frontend Engineer"],
        skills: ["Vue.js", "TypeScript", "Vuex", "Jest", "REST APIs"],
        weight: 2,
      },
    ],
    skillsSection: ["Vue.js", "TypeScript", "JavaScript", "Sass", "Jest"],
    optional: ["Nuxt", "Vite"],
    degree: { level: "BSc", field: "Software Engineering" },
    relevance: R(2, 0, 0, 0, 0),
  },
  {
    id: "fullstack",
    headline: "Full-Stack Engineer",
    years: [5, 8],
    roles: [
      { titles: ["Software Engineer"], skills: ["JavaScript", "Node.js", "MySQL"], weight: 1 },
      {
        titles: ["Full-Stack Engineer", "Senior Full-Stack Developer"],
        skills: ["React", "TypeScript", "Node.js", "PostgreSQL", "AWS", "Docker"],
        weight: 2,
      },
    ],
    skillsSection: ["TypeScript", "React", "Node.js", "PostgreSQL", "AWS"],
    optional: ["GraphQL", "Jest", "Docker"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(2, 0, 0, 1, 0),
  },
  {
    id: "node-backend",
    headline: "Backend Engineer (Node.js)",
    years: [4, 7],
    roles: [
      {
        titles: ["Backend Engineer", "Node.js Developer"],
        skills: ["Node.js", "TypeScript", "Express", "PostgreSQL", "Redis", "REST APIs"],
        weight: 1,
      },
    ],
    skillsSection: ["Node.js", "TypeScript", "Express", "PostgreSQL", "Redis"],
    optional: ["RabbitMQ", "Docker", "MongoDB"],
    degree: { level: "BSc", field: "Computer Engineering" },
    relevance: R(1, 1, 0, 0, 0),
  },
  {
    id: "java-senior",
    headline: "Senior Java Developer",
    years: [7, 12],
    roles: [
      { titles: ["Java Developer"], skills: ["Java", "Spring", "Hibernate", "Oracle Database"], weight: 1 },
      {
        titles: ["Senior Java Engineer", "Senior Backend Engineer"],
        skills: ["Java", "Spring Boot", "PostgreSQL", "Kafka", "Docker", "Microservices"],
        weight: 2,
      },
    ],
    skillsSection: ["Java", "Spring Boot", "PostgreSQL", "Kafka", "Docker", "SQL"],
    optional: ["Kubernetes", "AWS", "JUnit", "Maven"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 3, 0, 0, 0),
  },
  {
    id: "java-junior",
    headline: "Java Developer",
    years: [1, 2],
    roles: [{ titles: ["Junior Java Developer"], skills: ["Java", "Spring Boot", "MySQL"], weight: 1 }],
    skillsSection: ["Java", "Spring Boot", "SQL", "Git"],
    optional: ["Docker", "JUnit"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 1, 0, 0, 0),
  },
  {
    id: "kotlin-backend",
    headline: "Backend Engineer (Kotlin)",
    years: [5, 8],
    roles: [
      {
        titles: ["Backend Engineer", "Senior Backend Engineer"],
        skills: ["Kotlin", "Spring Boot", "PostgreSQL", "Kafka", "Docker", "Microservices"],
        weight: 1,
      },
    ],
    skillsSection: ["Kotlin", "Spring Boot", "PostgreSQL", "Kafka", "Docker"],
    optional: ["Kubernetes", "Gradle"],
    degree: { level: "MSc", field: "Computer Science" },
    relevance: R(0, 2, 0, 0, 0),
  },
  {
    id: "python-backend",
    headline: "Python Backend Developer",
    years: [4, 8],
    roles: [
      {
        titles: ["Python Developer", "Backend Engineer"],
        skills: ["Python", "Django", "PostgreSQL", "Celery", "Docker", "REST APIs"],
        weight: 1,
      },
    ],
    skillsSection: ["Python", "Django", "PostgreSQL", "Docker", "SQL"],
    optional: ["FastAPI", "Redis", "AWS"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 1, 1, 0, 0),
  },
  {
    id: "ds-senior",
    headline: "Senior Data Scientist",
    years: [4, 8],
    roles: [
      { titles: ["Data Analyst"], skills: ["SQL", "Python", "Pandas", "Tableau"], weight: 1 },
      {
        titles: ["Data Scientist", "Senior Data Scientist"],
        skills: ["Python", "scikit-learn", "Pandas", "SQL", "machine learning", "A/B testing", "statistics"],
        weight: 2,
      },
    ],
    skillsSection: ["Python", "scikit-learn", "Pandas", "SQL", "Statistics", "Machine learning"],
    optional: ["PyTorch", "Spark", "Airflow", "XGBoost"],
    degree: { level: "MSc", field: "Statistics" },
    relevance: R(0, 0, 3, 0, 0),
  },
  {
    id: "data-analyst",
    headline: "Data Analyst",
    years: [2, 5],
    roles: [
      {
        titles: ["Data Analyst", "Business Analyst"],
        skills: ["SQL", "Excel", "Tableau", "Power BI"],
        weight: 1,
      },
    ],
    skillsSection: ["SQL", "Excel", "Tableau", "Power BI"],
    optional: ["Python", "Looker"],
    degree: { level: "BSc", field: "Economics" },
    relevance: R(0, 0, 1, 0, 0),
  },
  {
    id: "ml-engineer",
    headline: "Machine Learning Engineer",
    years: [4, 7],
    roles: [
      {
        titles: ["Machine Learning Engineer", "ML Engineer"],
        skills: ["Python", "PyTorch", "Kubernetes", "Docker", "MLOps", "SQL", "machine learning"],
        weight: 1,
      },
    ],
    skillsSection: ["Python", "PyTorch", "Kubernetes", "Docker", "MLflow", "SQL"],
    optional: ["TensorFlow", "AWS", "Airflow"],
    degree: { level: "MSc", field: "Computer Science" },
    relevance: R(0, 0, 2, 1, 0),
  },
  {
    id: "devops-senior",
    headline: "Senior DevOps Engineer",
    years: [5, 10],
    roles: [
      { titles: ["Systems Administrator"], skills: ["Linux", "Bash", "Ansible"], weight: 1 },
      {
        titles: ["DevOps Engineer", "Site Reliability Engineer"],
        skills: ["Kubernetes", "Terraform", "AWS", "Docker", "Jenkins", "Prometheus", "Grafana", "Python"],
        weight: 2,
      },
    ],
    skillsSection: ["Kubernetes", "Terraform", "AWS", "Docker", "Linux", "Python", "CI/CD"],
    optional: ["Helm", "Argo CD", "GitHub Actions", "Go"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 0, 0, 3, 0),
  },
  {
    id: "devops-swarm",
    headline: "DevOps Engineer",
    years: [4, 7],
    roles: [
      {
        titles: ["DevOps Engineer", "Cloud Engineer"],
        skills: [
          "Docker Swarm",
          "Amazon ECS",
          "Ansible",
          "AWS",
          "Docker",
          "Jenkins",
          "Linux",
          "Bash",
          "CloudFormation",
        ],
        weight: 1,
      },
    ],
    skillsSection: ["Docker", "Docker Swarm", "Amazon ECS", "AWS", "Ansible", "Bash", "Linux"],
    optional: ["Prometheus", "Python", "GitLab CI"],
    degree: { level: "BSc", field: "Information Technology" },
    relevance: R(0, 0, 0, 2, 0),
  },
  {
    id: "sysadmin",
    headline: "Systems Administrator",
    years: [6, 12],
    roles: [
      {
        titles: ["Systems Administrator", "IT Administrator"],
        skills: ["Linux", "Windows Server", "VMware", "Bash", "Active Directory", "Nagios"],
        weight: 1,
      },
    ],
    skillsSection: ["Linux", "Windows Server", "VMware", "Bash", "PowerShell"],
    optional: ["Ansible", "Zabbix"],
    degree: null,
    relevance: R(0, 0, 0, 1, 0),
  },
  {
    id: "ios-senior",
    headline: "Senior iOS Engineer",
    years: [6, 10],
    roles: [
      { titles: ["iOS Developer"], skills: ["Objective-C", "UIKit", "Xcode"], weight: 1 },
      {
        titles: ["Senior iOS Engineer"],
        skills: ["Swift", "SwiftUI", "UIKit", "XCTest", "Combine", "App Store deployment"],
        weight: 2,
      },
    ],
    skillsSection: ["Swift", "SwiftUI", "UIKit", "Xcode", "XCTest"],
    optional: ["Core Data", "Combine", "Fastlane"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 0, 0, 0, 3),
  },
  {
    id: "ios-junior",
    headline: "iOS Developer",
    years: [1, 2],
    roles: [{ titles: ["Junior iOS Developer"], skills: ["Swift", "UIKit", "Xcode"], weight: 1 }],
    skillsSection: ["Swift", "UIKit", "Xcode"],
    optional: ["SwiftUI"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 0, 0, 0, 1),
  },
  {
    id: "android",
    headline: "Android Engineer",
    years: [5, 8],
    roles: [
      {
        titles: ["Android Developer", "Senior Android Engineer"],
        skills: ["Kotlin", "Android", "Jetpack Compose", "Java", "Coroutines", "Retrofit"],
        weight: 1,
      },
    ],
    skillsSection: ["Kotlin", "Android", "Jetpack Compose", "Java"],
    optional: ["Firebase", "Dagger"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 1, 0, 0, 1),
  },
  {
    id: "react-native",
    headline: "Mobile Developer (React Native)",
    years: [4, 7],
    roles: [
      {
        titles: ["Mobile Developer", "React Native Engineer"],
        skills: ["React Native", "JavaScript", "TypeScript", "Redux", "Jest"],
        weight: 1,
      },
    ],
    skillsSection: ["React Native", "TypeScript", "JavaScript", "Redux"],
    optional: ["Expo", "Firebase"],
    degree: { level: "BSc", field: "Software Engineering" },
    relevance: R(1, 0, 0, 0, 1),
  },
  {
    id: "php-staff",
    headline: "Staff Software Engineer",
    years: [10, 15],
    roles: [
      { titles: ["PHP Developer"], skills: ["PHP", "MySQL", "jQuery"], weight: 1 },
      {
        titles: ["Senior Software Engineer", "Staff Software Engineer"],
        skills: ["PHP", "Laravel", "MySQL", "Redis", "Vagrant"],
        weight: 2,
      },
    ],
    skillsSection: ["PHP", "Laravel", "MySQL", "Redis", "Symfony"],
    optional: ["Memcached", "WordPress"],
    degree: { level: "BSc", field: "Computer Science" },
    relevance: R(0, 0, 0, 0, 0),
  },
  {
    id: "marketing",
    headline: "Digital Marketing Manager",
    years: [5, 9],
    roles: [
      {
        titles: ["Marketing Manager", "Digital Marketing Lead"],
        skills: ["SEO", "Google Ads", "Email marketing", "Google Analytics", "content marketing"],
        weight: 1,
      },
    ],
    skillsSection: ["SEO", "SEM", "Google Analytics", "HubSpot", "Copywriting"],
    optional: ["Salesforce", "Canva"],
    degree: { level: "BA", field: "Marketing" },
    relevance: R(0, 0, 0, 0, 0),
  },
  {
    id: "product-manager",
    headline: "Product Manager",
    years: [5, 9],
    roles: [
      {
        titles: ["Product Manager", "Senior Product Manager"],
        skills: ["Product management", "Jira", "Agile", "Scrum", "user research", "roadmapping"],
        weight: 1,
      },
    ],
    skillsSection: ["Product strategy", "Jira", "Agile", "SQL", "A/B testing"],
    optional: ["Figma", "Amplitude"],
    degree: { level: "MBA", field: "Business Administration" },
    relevance: R(0, 0, 0, 0, 0),
  },
];

const FIRST_NAMES = [
  "Maria",
  "James",
  "Aisha",
  "Wei",
  "Olga",
  "Carlos",
  "Fatima",
  "John",
  "Priya",
  "Liam",
  "Sofia",
  "Kenji",
  "Amara",
  "Lukas",
  "Elena",
  "Omar",
  "Chloe",
  "Ravi",
  "Ingrid",
  "Diego",
];
const LAST_NAMES = [
  "Garcia",
  "Smith",
  "Okafor",
  "Zhang",
  "Ivanova",
  "Silva",
  "Haddad",
  "Brown",
  "Patel",
  "Murphy",
  "Rossi",
  "Tanaka",
  "Mensah",
  "Weber",
  "Popescu",
  "Khan",
  "Martin",
  "Iyer",
  "Larsen",
  "Lopez",
];
const COMPANIES = [
  "Northwind",
  "Globex",
  "Initech",
  "Umbrella Health",
  "Acme Retail",
  "Stark Logistics",
  "Wayne Fintech",
  "Hooli",
  "Vandelay Imports",
  "Soylent Foods",
  "Tyrell Systems",
  "Cyberdyne Labs",
];
const CITIES = [
  "Berlin, Germany",
  "Lisbon, Portugal",
  "Austin, TX",
  "Toronto, Canada",
  "Manchester, UK",
  "Warsaw, Poland",
  "Madrid, Spain",
  "Nairobi, Kenya",
];
const UNIVERSITIES = [
  "University of Leeds",
  "TU Munich",
  "University of Porto",
  "State University",
  "Warsaw University of Technology",
  "University of Toronto",
];
const VERBS = [
  "Built",
  "Designed and shipped",
  "Maintained",
  "Led the migration to",
  "Improved performance using",
  "Developed features with",
];

/** Small deterministic PRNG (mulberry32) so the set is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function ym(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, "0")}`;
}

function monthLabel(monthIndex: number): string {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[monthIndex % 12]} ${Math.floor(monthIndex / 12)}`;
}

/** Writes a skill the way CVs do: sometimes by an alias. */
const ALIASES: Record<string, string[]> = {
  JavaScript: ["JS", "JavaScript (ES6+)"],
  PostgreSQL: ["Postgres"],
  Kubernetes: ["k8s", "K8s"],
  React: ["ReactJS", "React.js"],
  "Node.js": ["NodeJS", "Node"],
  AWS: ["Amazon Web Services"],
  "machine learning": ["ML models"],
  "Vue.js": ["Vue", "VueJS"],
};

function spell(rand: () => number, skill: string): string {
  const aliases = ALIASES[skill];
  return aliases && rand() < 0.35 ? pick(rand, aliases) : skill;
}

function makeCv(archetype: Archetype, instance: number, now: Date): EvalCv {
  const rand = prng(hash(`${archetype.id}#${instance}`));
  const name = `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`;
  const location = pick(rand, CITIES);
  const [minY, maxY] = archetype.years;
  const years = minY + Math.round(rand() * (maxY - minY) * 2) / 2;
  const nowIndex = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const totalMonths = Math.round(years * 12);
  const optional = archetype.optional.filter(() => rand() < 0.5);
  const weights = archetype.roles.reduce((n, r) => n + r.weight, 0);
  // Careers run up to now; roles split the span by weight, oldest first.
  let cursor = nowIndex - totalMonths + 1;
  const experience: ParsedCv["experience"] = [];
  archetype.roles.forEach((role, i) => {
    const months =
      i === archetype.roles.length - 1
        ? nowIndex - cursor + 1
        : Math.round((totalMonths * role.weight) / weights);
    const start = cursor;
    const end = cursor + months - 1;
    cursor = end + 1;
    const current = i === archetype.roles.length - 1;
    const roleSkills = [...role.skills, ...(current ? optional : [])];
    const highlights: string[] = [];
    for (let k = 0; k < roleSkills.length; k += 2) {
      const pair = roleSkills.slice(k, k + 2).map((s) => spell(rand, s));
      highlights.push(
        `${pick(rand, VERBS)} ${pair.join(" and ")} for ${pick(rand, ["internal tools", "customer-facing products", "the core platform", "high-traffic services"])}`,
      );
    }
    experience.unshift({
      title: pick(rand, role.titles),
      company: pick(rand, COMPANIES),
      location: null,
      start_date: ym(start),
      end_date: current ? null : ym(end),
      is_current: current,
      description: null,
      highlights,
      skills: [],
    });
  });
  const skillsSection = [...archetype.skillsSection, ...optional];
  const degree = archetype.degree;
  const parsed: ParsedCv = {
    ...emptyParsedCv(),
    candidate_name: name,
    email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`,
    phone: `+44 20 7946 0${String(100 + instance).slice(-3)}`,
    location,
    current_role: experience[0]?.title ?? null,
    current_company: experience[0]?.company ?? null,
    summary: `${archetype.headline} with ${Math.floor(years)}+ years of experience. Team player with strong communication skills.`,
    total_experience_years: Math.round((totalMonths / 12) * 10) / 10,
    experience,
    education: degree
      ? [
          {
            institution: pick(rand, UNIVERSITIES),
            degree: degree.level,
            field: degree.field,
            start_date: null,
            end_date: ym(nowIndex - totalMonths - 2),
            grade: null,
          },
        ]
      : [],
    skills: skillsSection.map((s) => ({
      name: spell(rand, s),
      canonical: null,
      category: null,
      years: null,
      last_used: null,
    })),
    languages: [{ language: "English", proficiency: "Fluent" }],
  };
  const text = renderCvText(parsed);
  return { id: `${archetype.id}-${instance}`, archetype: archetype.id, parsed, text };
}

export function renderCvText(parsed: ParsedCv): string {
  const lines: string[] = [];
  lines.push(parsed.candidate_name ?? "");
  lines.push([parsed.email, parsed.phone, parsed.location].filter(Boolean).join(" | "));
  lines.push("", "SUMMARY", parsed.summary ?? "", "", "EXPERIENCE");
  for (const e of parsed.experience) {
    const start = e.start_date ? monthLabel(toIndex(e.start_date)) : "";
    const end = e.is_current ? "Present" : e.end_date ? monthLabel(toIndex(e.end_date)) : "";
    lines.push(`${e.title} — ${e.company}    ${start} – ${end}`);
    for (const h of e.highlights) lines.push(`• ${h}`);
  }
  lines.push("", "EDUCATION");
  for (const ed of parsed.education) lines.push(`${ed.degree} in ${ed.field}, ${ed.institution}`);
  lines.push("", "SKILLS", parsed.skills.map((s) => s.name).join(", "));
  lines.push("", "LANGUAGES", parsed.languages.map((l) => `${l.language} (${l.proficiency})`).join(", "));
  return lines.join("\n");
}

function toIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function buildEvalSet(instancesPerArchetype = 2): EvalSet {
  const now = new Date(EVAL_NOW);
  const cvs = ARCHETYPES.flatMap((a) =>
    Array.from({ length: instancesPerArchetype }, (_, i) => makeCv(a, i, now)),
  );
  const relevance: EvalSet["relevance"] = {};
  for (const jd of EVAL_JDS) {
    relevance[jd.id] = {};
    for (const cv of cvs) {
      const archetype = ARCHETYPES.find((a) => a.id === cv.archetype)!;
      relevance[jd.id]![cv.id] = archetype.relevance[jd.id] ?? 0;
    }
  }
  return { now: EVAL_NOW, jds: EVAL_JDS, cvs, relevance };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const set = buildEvalSet();
  const out = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    "../test/fixtures/matching/eval-set.json",
  );
  writeFileSync(out, `${JSON.stringify(set, null, 1)}\n`);
  console.log(`wrote ${set.jds.length} JDs × ${set.cvs.length} CVs to ${path.relative(process.cwd(), out)}`);
}

// Section heading vocabulary in English, French, Spanish, German, Portuguese (and some Italian/Dutch),
// matched on folded words so "EXPÉRIENCE PROFESSIONNELLE", "Experiência" and "Work Experience:" agree.
import { foldedWords } from "./fold.ts";
import type { SectionKind } from "./types.ts";

type Lang = "en" | "fr" | "es" | "de" | "pt" | "it" | "nl";

interface KindWords {
  kind: SectionKind;
  /** Folded words or phrases; a phrase matches consecutive words. */
  words: Partial<Record<Lang, string[]>>;
}

// Checked in order: more specific kinds first ("programming languages" is a skills heading,
// "volunteer experience" is not work, "project experience" is projects).
const VOCABULARY: KindWords[] = [
  {
    kind: "other",
    words: {
      en: [
        "volunteer",
        "volunteering",
        "interests",
        "hobbies",
        "references",
        "referees",
        "activities",
        "extracurricular",
      ],
      fr: ["benevolat", "centres d interet", "loisirs", "references", "activites"],
      es: ["voluntariado", "intereses", "aficiones", "referencias", "pasatiempos"],
      de: ["ehrenamt", "interessen", "hobbys", "hobbies", "referenzen"],
      pt: ["voluntariado", "interesses", "hobbies", "referencias"],
    },
  },
  {
    kind: "skills",
    words: {
      en: [
        "programming languages",
        "computer languages",
        "technical skills",
        "tech stack",
        "technologies",
        "skills",
        "skill",
        "competencies",
        "competences",
        "expertise",
        "tools",
        "strengths",
        "proficiencies",
        "toolbox",
      ],
      fr: [
        "competences",
        "competence",
        "savoir faire",
        "outils",
        "technologies",
        "informatique",
        "connaissances",
      ],
      es: [
        "habilidades",
        "competencias",
        "conocimientos",
        "aptitudes",
        "herramientas",
        "tecnologias",
        "destrezas",
      ],
      de: [
        "kenntnisse",
        "fahigkeiten",
        "kompetenzen",
        "fertigkeiten",
        "technologien",
        "edv kenntnisse",
        "it kenntnisse",
        "werkzeuge",
      ],
      pt: ["competencias", "habilidades", "conhecimentos", "ferramentas", "tecnologias"],
      it: ["competenze", "conoscenze"],
      nl: ["vaardigheden", "competenties"],
    },
  },
  {
    kind: "projects",
    words: {
      en: ["projects", "project experience", "personal projects", "side projects", "portfolio"],
      fr: ["projets", "projet"],
      es: ["proyectos", "proyecto"],
      de: ["projekte", "projekt"],
      pt: ["projetos", "projeto"],
      it: ["progetti"],
    },
  },
  {
    kind: "experience",
    words: {
      en: [
        "experience",
        "experiences",
        "employment",
        "work history",
        "career",
        "professional background",
        "positions",
        "jobs",
        "research experience",
        "internships",
        "internship",
      ],
      fr: ["experience", "experiences", "parcours professionnel", "emplois", "stages", "carriere"],
      es: ["experiencia", "experiencias", "trayectoria", "historial laboral", "empleo", "practicas"],
      de: [
        "berufserfahrung",
        "erfahrung",
        "berufliche",
        "werdegang",
        "beruflicher werdegang",
        "praktika",
        "taetigkeiten",
        "tatigkeiten",
      ],
      pt: ["experiencia", "experiencias", "historico profissional", "carreira", "estagios"],
      it: ["esperienza", "esperienze", "esperienza lavorativa"],
      nl: ["werkervaring", "ervaring"],
    },
  },
  {
    kind: "education",
    words: {
      en: [
        "education",
        "academic",
        "academics",
        "studies",
        "qualifications",
        "training",
        "schooling",
        "academic background",
      ],
      fr: ["formation", "formations", "etudes", "diplomes", "cursus", "parcours academique", "scolarite"],
      es: ["educacion", "formacion", "estudios", "academica", "titulaciones"],
      de: ["ausbildung", "bildung", "studium", "schulbildung", "bildungsweg", "akademischer werdegang"],
      pt: ["educacao", "formacao", "academica", "escolaridade"],
      it: ["istruzione", "formazione"],
      nl: ["opleiding", "opleidingen"],
    },
  },
  {
    kind: "certifications",
    words: {
      en: ["certifications", "certification", "certificates", "licenses", "licences", "accreditations"],
      fr: ["certifications", "certificats"],
      es: ["certificaciones", "certificados"],
      de: ["zertifikate", "zertifizierungen"],
      pt: ["certificacoes", "certificados"],
    },
  },
  {
    kind: "languages",
    words: {
      en: ["languages", "language skills", "spoken languages", "human languages"],
      fr: ["langues", "langues etrangeres"],
      es: ["idiomas", "lenguas"],
      de: ["sprachen", "sprachkenntnisse", "fremdsprachen"],
      pt: ["idiomas", "linguas"],
      it: ["lingue"],
      nl: ["talen"],
    },
  },
  {
    kind: "publications",
    words: {
      en: ["publications", "papers", "patents", "talks", "presentations"],
      fr: ["publications", "brevets"],
      es: ["publicaciones", "patentes"],
      de: ["publikationen", "veroffentlichungen", "patente"],
      pt: ["publicacoes", "patentes"],
    },
  },
  {
    kind: "awards",
    words: {
      en: [
        "awards",
        "honors",
        "honours",
        "achievements",
        "distinctions",
        "scholarships",
        "prizes",
        "accomplishments",
      ],
      fr: ["prix", "distinctions", "recompenses"],
      es: ["premios", "logros", "reconocimientos", "distinciones"],
      de: ["auszeichnungen", "preise", "erfolge"],
      pt: ["premios", "conquistas", "reconhecimentos"],
    },
  },
  {
    kind: "summary",
    words: {
      en: [
        "summary",
        "profile",
        "about me",
        "objective",
        "overview",
        "introduction",
        "professional summary",
        "career objective",
      ],
      fr: ["profil", "resume", "a propos", "objectif", "presentation"],
      es: ["perfil", "resumen", "sobre mi", "objetivo", "extracto", "acerca de mi"],
      de: ["profil", "zusammenfassung", "uber mich", "kurzprofil", "zielsetzung"],
      pt: ["perfil", "resumo", "sobre mim", "objetivo"],
      nl: ["profiel", "samenvatting"],
    },
  },
  {
    kind: "other",
    words: {
      en: [
        "miscellaneous",
        "additional information",
        "others",
        "other",
        "misc",
        "personal information",
        "personal details",
        "contact",
      ],
      fr: ["divers", "informations complementaires", "autres", "informations personnelles"],
      es: ["miscelaneo", "otros", "informacion adicional", "datos personales"],
      de: ["sonstiges", "weiteres", "personliche daten", "persoenliche daten"],
      pt: ["outros", "informacoes adicionais", "dados pessoais"],
    },
  },
];

/** Words that may pad a heading ("My Professional Experience", "Skills & Tools", "Formación académica"). */
const FILLER = new Set(
  "and & of my the in key core selected relevant professional work other additional recent main areas area " +
    "personal technical et de des du la le les mes en y e del los las mis und der die das im meine von " +
    "do da dos das em meu minha minhas meus profesional professionnelle professionnelles professionnel " +
    "profissional profissionais berufliche fachliche wichtigste academico academica academique academicas " +
    "complementaire complementaires international domestic computer computacion informatica informaticos " +
    "informatiques spoken foreign",
);

const PHRASES: Array<{ kind: SectionKind; phrase: string[]; lang: Lang }> = VOCABULARY.flatMap((v) =>
  Object.entries(v.words).flatMap(([lang, list]) =>
    (list ?? []).map((p) => ({ kind: v.kind, phrase: p.split(" "), lang: lang as Lang })),
  ),
);

export interface HeadingMatch {
  kind: SectionKind;
  /** Every word of the heading is heading vocabulary (no stray words): a confident heading. */
  pure: boolean;
  /** Languages whose vocabulary matched. */
  languages: string[];
}

function phraseAt(words: string[], i: number, phrase: string[]): boolean {
  for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) return false;
  return true;
}

/** Classifies a heading text by its vocabulary; null when no heading word occurs. */
export function matchHeading(text: string): HeadingMatch | null {
  const words = foldedWords(text.replace(/:\s*$/, ""));
  if (words.length === 0 || words.length > 6) return null;
  const covered = new Array<boolean>(words.length).fill(false);
  let kind: SectionKind | null = null;
  const languages = new Set<string>();
  for (const p of PHRASES) {
    for (let i = 0; i + p.phrase.length <= words.length; i++) {
      if (!phraseAt(words, i, p.phrase)) continue;
      if (kind === null) kind = p.kind;
      if (p.kind === kind) languages.add(p.lang);
      for (let j = 0; j < p.phrase.length; j++) covered[i + j] = true;
    }
  }
  if (kind === null) return null;
  const pure = words.every((w, i) => covered[i] || FILLER.has(w));
  return { kind, pure, languages: [...languages] };
}

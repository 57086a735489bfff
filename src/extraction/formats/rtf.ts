// RTF: a small tokenizer that keeps text, paragraph breaks, bold/italic/size and hidden (\v) or white
// text, and skips destinations that are not body text (font tables, pictures, field instructions).
import iconv from "iconv-lite";
import type { RawDocument } from "../assemble.ts";
import { flowDocument, type Paragraph } from "../flow.ts";
import { ExtractionError } from "../types.ts";

interface State {
  skip: boolean;
  bold: boolean;
  italic: boolean;
  size: number;
  hidden: boolean;
  color: number;
  uc: number;
  list: boolean;
}

const SKIP_DESTINATIONS = new Set([
  "fonttbl",
  "colortbl",
  "stylesheet",
  "info",
  "pict",
  "object",
  "themedata",
  "colorschememapping",
  "latentstyles",
  "datastore",
  "xmlnstbl",
  "listtable",
  "listoverridetable",
  "rsidtbl",
  "generator",
  "fldinst",
  "pntext",
  "pntxtb",
  "pntxta",
  "bkmkstart",
  "bkmkend",
  "nonshppict",
  "shpinst",
  "filetbl",
  "revtbl",
  "listtext",
  "mmathPr",
  "wgrffmtfilter",
  "pgdsctbl",
]);
const MAX_DEPTH = 500;

export function extractRtf(bytes: Uint8Array): RawDocument {
  const src = Buffer.from(bytes).toString("latin1");
  const links = [...src.matchAll(/HYPERLINK\s+\\?"?([^"\\}\s]+)/g)]
    .map((m) => m[1]!)
    .filter((u) => /^(?:https?:|mailto:)/i.test(u));
  const codepage = src.match(/\\ansicpg(\d+)/)?.[1];
  const encoding = codepage && iconv.encodingExists(`cp${codepage}`) ? `cp${codepage}` : "cp1252";
  const colors = readColors(src);

  const paragraphs: Paragraph[] = [];
  let state: State = {
    skip: false,
    bold: false,
    italic: false,
    size: 12,
    hidden: false,
    color: 0,
    uc: 1,
    list: false,
  };
  const stack: State[] = [];
  let runs: { text: string; state: State }[] = [];
  let pendingBytes: number[] = [];
  let skipChars = 0;

  const emit = (text: string) => {
    if (state.skip || text === "") return;
    if (skipChars > 0) {
      const cut = Math.min(skipChars, text.length);
      skipChars -= cut;
      text = text.slice(cut);
      if (text === "") return;
    }
    runs.push({ text, state: { ...state } });
  };
  const flushBytes = () => {
    if (pendingBytes.length > 0) emit(iconv.decode(Buffer.from(pendingBytes), encoding));
    pendingBytes = [];
  };
  const endParagraph = () => {
    flushBytes();
    const visible = runs.filter((r) => !isHidden(r.state, colors));
    const text = visible.map((r) => r.text).join("");
    const counted = visible.filter((r) => r.text.trim());
    const first = counted[0]?.state;
    paragraphs.push({
      text,
      bold: counted.length > 0 && counted.every((r) => r.state.bold),
      italic: counted.length > 0 && counted.every((r) => r.state.italic),
      fontSize: first?.size ?? 12,
      listItem: runs.some((r) => r.state.list),
    });
    for (const reason of ["hidden-style", "invisible-colour"] as const) {
      const hidden = runs.filter((r) => isHidden(r.state, colors) === reason && r.text.trim());
      if (hidden.length > 0) paragraphs.push({ text: hidden.map((r) => r.text).join(""), hidden: reason });
    }
    runs = [];
    state.list = false;
  };

  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "{") {
      flushBytes();
      if (stack.length >= MAX_DEPTH)
        throw new ExtractionError("corrupt", `file is corrupt: RTF groups nested deeper than ${MAX_DEPTH}`);
      stack.push({ ...state });
      i++;
      if (src.startsWith("\\*", i)) state.skip = true;
      continue;
    }
    if (ch === "}") {
      flushBytes();
      state = stack.pop() ?? state;
      i++;
      continue;
    }
    if (ch === "\\") {
      const next = src[i + 1];
      if (next === "'") {
        const hex = src.slice(i + 2, i + 4);
        if (skipChars > 0) skipChars--;
        else if (!state.skip) pendingBytes.push(Number.parseInt(hex, 16) || 0x3f);
        i += 4;
        continue;
      }
      flushBytes();
      if (next === undefined) break;
      if (!/[a-zA-Z]/.test(next)) {
        // Control symbols: escaped characters and a few special ones.
        if (next === "\\" || next === "{" || next === "}") emit(next);
        else if (next === "~") emit("\u00A0");
        else if (next === "-") {
          /* optional hyphen: invisible */
        } else if (next === "_") emit("-");
        else if (next === "\n" || next === "\r") endParagraph();
        i += 2;
        continue;
      }
      const m = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(src.slice(i + 1, i + 48));
      if (!m) {
        i++;
        continue;
      }
      i += 1 + m[0].length;
      const word = m[1]!;
      const param = m[2] === undefined ? undefined : Number(m[2]);
      control(word, param);
      continue;
    }
    if (ch === "\r" || ch === "\n") {
      i++;
      continue;
    }
    if (!state.skip) {
      if (skipChars > 0) skipChars--;
      else pendingBytes.push(ch.charCodeAt(0) & 0xff);
    }
    i++;
  }
  endParagraph();
  return flowDocument("rtf", paragraphs, { links });

  function control(word: string, param: number | undefined): void {
    if (SKIP_DESTINATIONS.has(word)) {
      state.skip = true;
      return;
    }
    switch (word) {
      case "par":
      case "sect":
      case "row":
        endParagraph();
        break;
      case "line":
        emit("\n");
        break;
      case "tab":
      case "cell":
        emit("\t");
        break;
      case "b":
        state.bold = param !== 0;
        break;
      case "i":
        state.italic = param !== 0;
        break;
      case "fs":
        if (param !== undefined) state.size = param / 2;
        break;
      case "v":
        state.hidden = param !== 0;
        break;
      case "cf":
        state.color = param ?? 0;
        break;
      case "plain":
        Object.assign(state, { bold: false, italic: false, size: 12, hidden: false, color: 0 });
        break;
      case "pard":
        state.list = false;
        break;
      case "ls":
      case "ilvl":
      case "pnlvlblt":
        state.list = true;
        break;
      case "uc":
        state.uc = param ?? 1;
        break;
      case "u":
        if (param !== undefined) {
          emit(String.fromCharCode(param < 0 ? param + 65536 : param));
          skipChars = state.uc;
        }
        break;
      case "emdash":
        emit("—");
        break;
      case "endash":
        emit("–");
        break;
      case "bullet":
        emit("•");
        break;
      case "lquote":
      case "rquote":
        emit("'");
        break;
      case "ldblquote":
      case "rdblquote":
        emit('"');
        break;
      case "header":
      case "footer":
      case "headerl":
      case "headerr":
      case "headerf":
      case "footerl":
      case "footerr":
      case "footerf":
        break;
      default:
        break;
    }
  }
}

function readColors(src: string): ([number, number, number] | null)[] {
  const table = src.match(/\{\\colortbl\s*([^}]*)\}/)?.[1];
  if (!table) return [];
  return table.split(";").map((entry) => {
    const r = entry.match(/\\red(\d+)/)?.[1];
    const g = entry.match(/\\green(\d+)/)?.[1];
    const b = entry.match(/\\blue(\d+)/)?.[1];
    return r && g && b ? [Number(r), Number(g), Number(b)] : null;
  });
}

function isHidden(
  state: State,
  colors: ([number, number, number] | null)[],
): "hidden-style" | "invisible-colour" | null {
  if (state.hidden) return "hidden-style";
  const c = colors[state.color];
  return c && c[0] >= 250 && c[1] >= 250 && c[2] >= 250 ? "invisible-colour" : null;
}

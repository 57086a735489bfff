// DOCX read straight from its XML: body paragraphs, tables cell by cell, text boxes, headers and footers,
// with run styles resolved (bold, italic, size, colour, hidden) so hidden text can be told apart.

import type { RawDocument } from "../assemble.ts";
import { flowDocument, type Paragraph } from "../flow.ts";
import { ExtractionError, type ExtractionLimits } from "../types.ts";
import { attr, child, elements, findAll, parseXml, type XNode } from "../xml.ts";
import { readZipEntries, utf8 } from "../zip.ts";

interface RunStyle {
  bold?: boolean;
  italic?: boolean;
  /** Points. */
  size?: number;
  color?: string;
  vanish?: boolean;
  shading?: string;
}

interface Styles {
  defaults: RunStyle;
  byId: Map<string, { run: RunStyle; basedOn?: string; name?: string; list: boolean }>;
}

const WANTED = /^(?:word\/(?:document|styles|header\d*|footer\d*)\.xml|word\/_rels\/document\.xml\.rels)$/;

export function extractDocx(bytes: Uint8Array, limits: ExtractionLimits): RawDocument {
  const files = readZipEntries(bytes, (n) => WANTED.test(n), limits.maxUnzippedBytes);
  const documentXml = files.get("word/document.xml");
  if (!documentXml) throw new ExtractionError("corrupt", "file is corrupt: DOCX without word/document.xml");
  const styles = readStyles(parseXml(utf8(files.get("word/styles.xml"))));
  const rels = readRels(utf8(files.get("word/_rels/document.xml.rels")));
  const links: string[] = [];
  const reader = new DocxReader(styles, rels, links);

  const headers = [...files.keys()].filter((n) => /^word\/header\d*\.xml$/.test(n)).sort();
  const footers = [...files.keys()].filter((n) => /^word\/footer\d*\.xml$/.test(n)).sort();
  const part = (name: string) => {
    const root = parseXml(utf8(files.get(name)));
    return reader.container(elements(root).find((e) => e.name === "w:hdr" || e.name === "w:ftr"));
  };
  const body = child(child(parseXml(utf8(documentXml)), "w:document"), "w:body");
  if (!body) throw new ExtractionError("corrupt", "file is corrupt: DOCX without a document body");
  const paragraphs = [
    ...dedupe(headers.flatMap(part)),
    ...reader.container(body),
    ...dedupe(footers.flatMap(part)),
  ];
  return flowDocument("docx", paragraphs, { links });
}

/** First-page, even and default headers often repeat the same text. */
function dedupe(paragraphs: Paragraph[]): Paragraph[] {
  const seen = new Set<string>();
  return paragraphs.filter((p) => {
    const key = p.text.trim();
    if (key === "") return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readRels(xml: string): Map<string, string> {
  const rels = new Map<string, string>();
  if (!xml) return rels;
  for (const r of findAll(parseXml(xml), "Relationship")) {
    const id = attr(r, "Id");
    const target = attr(r, "Target");
    if (id && target && attr(r, "TargetMode") === "External") rels.set(id, target);
  }
  return rels;
}

function onOff(el: XNode | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = attr(el, "w:val");
  return v === undefined || !["0", "false", "off", "none"].includes(v);
}

function runProps(rPr: XNode | undefined): RunStyle {
  if (!rPr) return {};
  const style: RunStyle = {};
  const b = onOff(child(rPr, "w:b"));
  if (b !== undefined) style.bold = b;
  const i = onOff(child(rPr, "w:i"));
  if (i !== undefined) style.italic = i;
  const sz = Number(attr(child(rPr, "w:sz"), "w:val"));
  if (Number.isFinite(sz) && sz > 0) style.size = sz / 2;
  const color = attr(child(rPr, "w:color"), "w:val");
  if (color) style.color = color.toUpperCase();
  const vanish = onOff(child(rPr, "w:vanish")) || onOff(child(rPr, "w:specVanish"));
  if (vanish) style.vanish = true;
  const shd = attr(child(rPr, "w:shd"), "w:fill") ?? attr(child(rPr, "w:highlight"), "w:val");
  if (shd) style.shading = shd.toUpperCase();
  return style;
}

function readStyles(root: XNode): Styles {
  const stylesEl = child(root, "w:styles");
  const defaults = runProps(child(child(child(stylesEl, "w:docDefaults"), "w:rPrDefault"), "w:rPr"));
  const byId: Styles["byId"] = new Map();
  for (const s of elements(stylesEl)) {
    if (s.name !== "w:style") continue;
    const id = attr(s, "w:styleId");
    if (!id) continue;
    const name = attr(child(s, "w:name"), "w:val");
    byId.set(id, {
      run: runProps(child(s, "w:rPr")),
      basedOn: attr(child(s, "w:basedOn"), "w:val"),
      name,
      list: !!child(child(s, "w:pPr"), "w:numPr") || /list (?:bullet|number)/i.test(name ?? ""),
    });
  }
  return { defaults, byId };
}

function styleChain(styles: Styles, id: string | undefined): RunStyle {
  const chain: RunStyle[] = [];
  let cur = id;
  for (let depth = 0; cur && depth < 20; depth++) {
    const s = styles.byId.get(cur);
    if (!s) break;
    chain.unshift(s.run);
    cur = s.basedOn;
  }
  return Object.assign({}, ...chain);
}

const WHITE = new Set(["FFFFFF", "FFFFFE", "FEFEFE"]);

class DocxReader {
  constructor(
    private readonly styles: Styles,
    private readonly rels: Map<string, string>,
    private readonly links: string[],
  ) {}

  /** Paragraphs of a body, cell, header or text box, in document order. */
  container(node: XNode | undefined, shading?: string): Paragraph[] {
    const out: Paragraph[] = [];
    for (const el of elements(node)) {
      if (el.name === "w:p") out.push(...this.paragraph(el, shading));
      else if (el.name === "w:tbl") out.push(...this.table(el));
      else if (el.name === "w:sdt") out.push(...this.container(child(el, "w:sdtContent"), shading));
      else if (el.name === "w:customXml" || el.name === "w:smartTag")
        out.push(...this.container(el, shading));
    }
    return out;
  }

  private table(tbl: XNode): Paragraph[] {
    const out: Paragraph[] = [];
    for (const tr of elements(tbl).filter((e) => e.name === "w:tr")) {
      for (const tc of elements(tr).filter((e) => e.name === "w:tc")) {
        const shd = attr(child(child(tc, "w:tcPr"), "w:shd"), "w:fill");
        out.push(...this.container(tc, shd?.toUpperCase()));
      }
      out.push({ text: "" });
    }
    return out;
  }

  private paragraph(p: XNode, cellShading?: string): Paragraph[] {
    const pPr = child(p, "w:pPr");
    const styleId = attr(child(pPr, "w:pStyle"), "w:val");
    const pStyle = {
      ...this.styles.defaults,
      ...styleChain(this.styles, styleId),
      ...runProps(child(pPr, "w:rPr")),
    };
    delete pStyle.vanish;
    const styleInfo = styleId ? this.styles.byId.get(styleId) : undefined;
    const paraShading = attr(child(pPr, "w:shd"), "w:fill")?.toUpperCase() ?? cellShading;
    const listItem = !!child(pPr, "w:numPr") || !!styleInfo?.list;
    const heading = /^(?:heading|title)/i.test(styleInfo?.name ?? styleId ?? "");

    const visible: { text: string; style: RunStyle }[] = [];
    const hidden: Paragraph[] = [];
    const nested: Paragraph[] = [];
    const visit = (node: XNode, link?: string) => {
      for (const el of elements(node)) {
        switch (el.name) {
          case "w:r":
            this.run(el, pStyle, paraShading, visible, hidden, nested);
            break;
          case "w:hyperlink": {
            const id = attr(el, "r:id");
            const target = id ? this.rels.get(id) : undefined;
            if (target) this.links.push(target);
            visit(el, target ?? link);
            break;
          }
          case "w:ins":
          case "w:smartTag":
          case "w:customXml":
          case "w:fldSimple":
          case "w:sdt":
          case "w:sdtContent":
            visit(el, link);
            break;
          default:
            break;
        }
      }
    };
    visit(p);
    const text = visible.map((r) => r.text).join("");
    const counted = visible.filter((r) => r.text.trim() !== "");
    const share = (pred: (s: RunStyle) => boolean) =>
      counted.reduce((n, r) => n + (pred(r.style) ? r.text.length : 0), 0) /
      Math.max(
        1,
        counted.reduce((n, r) => n + r.text.length, 0),
      );
    const sizes = counted.map((r) => r.style.size ?? pStyle.size ?? 11);
    const paragraph: Paragraph = {
      text,
      bold: share((s) => !!s.bold) > 0.5,
      italic: share((s) => !!s.italic) > 0.5,
      fontSize: sizes.length > 0 ? Math.max(...sizes) : (pStyle.size ?? 11),
      listItem,
      heading,
    };
    return [paragraph, ...hidden, ...nested];
  }

  private run(
    r: XNode,
    pStyle: RunStyle,
    shading: string | undefined,
    visible: { text: string; style: RunStyle }[],
    hidden: Paragraph[],
    nested: Paragraph[],
  ): void {
    const rPr = child(r, "w:rPr");
    const rStyleId = attr(child(rPr, "w:rStyle"), "w:val");
    const style = { ...pStyle, ...styleChain(this.styles, rStyleId), ...runProps(rPr) };
    let text = "";
    for (const el of elements(r)) {
      switch (el.name) {
        case "w:t":
          text += (el.children ?? []).map((c) => c.data ?? "").join("");
          break;
        case "w:tab":
        case "w:ptab":
          text += "\t";
          break;
        case "w:br":
        case "w:cr":
          text += "\n";
          break;
        case "w:noBreakHyphen":
          text += "-";
          break;
        case "w:instrText": {
          const m = (el.children ?? [])
            .map((c) => c.data ?? "")
            .join("")
            .match(/HYPERLINK\s+"([^"]+)"/);
          if (m?.[1]) this.links.push(m[1]);
          break;
        }
        case "w:drawing":
        case "w:pict":
        case "mc:AlternateContent":
          // Text boxes: take the DrawingML choice, not its VML fallback, so the text appears once.
          for (const box of textBoxes(el)) nested.push(...this.container(box));
          break;
        default:
          break;
      }
    }
    if (text === "") return;
    const reason = hiddenRunReason(style, shading);
    if (reason) hidden.push({ text, hidden: reason });
    else visible.push({ text, style });
  }
}

function hiddenRunReason(style: RunStyle, shading: string | undefined): Paragraph["hidden"] {
  if (style.vanish) return "hidden-style";
  if (style.size !== undefined && style.size < 2) return "tiny-font";
  const background = style.shading && style.shading !== "AUTO" ? style.shading : (shading ?? "FFFFFF");
  const bg = background === "AUTO" || background === "WHITE" ? "FFFFFF" : background;
  const color = style.color === "WHITE" ? "FFFFFF" : style.color;
  if (color && color !== "AUTO" && (color === bg || (WHITE.has(color) && WHITE.has(bg))))
    return "invisible-colour";
  return undefined;
}

function textBoxes(node: XNode): XNode[] {
  if (node.name === "mc:AlternateContent") {
    const choice =
      elements(node).find((e) => e.name === "mc:Choice") ??
      elements(node).find((e) => e.name === "mc:Fallback");
    return choice ? textBoxes(choice) : [];
  }
  const out: XNode[] = [];
  for (const el of elements(node)) {
    if (el.name === "w:txbxContent") out.push(el);
    else if (el.name === "mc:AlternateContent") out.push(...textBoxes(el));
    else out.push(...textBoxes(el));
  }
  return out;
}

// ODT (OpenDocument text): headings, paragraphs, lists, tables and text frames from content.xml, with
// automatic and common styles resolved for bold, italic, size and hidden text.
import type { RawDocument } from "../assemble.ts";
import { flowDocument, type Paragraph } from "../flow.ts";
import { ExtractionError, type ExtractionLimits } from "../types.ts";
import { attr, child, elements, find, findAll, parseXml, type XNode } from "../xml.ts";
import { readZipEntries, utf8 } from "../zip.ts";

interface OdfStyle {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  color?: string;
  hidden?: boolean;
  parent?: string;
}

export function extractOdt(bytes: Uint8Array, limits: ExtractionLimits): RawDocument {
  const files = readZipEntries(
    bytes,
    (n) => n === "content.xml" || n === "styles.xml",
    limits.maxUnzippedBytes,
  );
  const content = files.get("content.xml");
  if (!content) throw new ExtractionError("corrupt", "file is corrupt: ODT without content.xml");
  const contentRoot = parseXml(utf8(content));
  const styles = new Map<string, OdfStyle>();
  readStyles(parseXml(utf8(files.get("styles.xml"))), styles);
  readStyles(contentRoot, styles);
  const text = find(find(contentRoot, "office:body"), "office:text");
  if (!text) throw new ExtractionError("corrupt", "file is corrupt: ODT without a text body");
  const links = findAll(text, "text:a")
    .map((a) => attr(a, "xlink:href"))
    .filter((h): h is string => !!h && /^(?:https?:|mailto:)/i.test(h));
  const paragraphs: Paragraph[] = [];
  readContainer(text, styles, paragraphs, false);
  return flowDocument("odt", paragraphs, { links });
}

function readStyles(root: XNode, into: Map<string, OdfStyle>): void {
  for (const s of findAll(root, "style:style")) {
    const name = attr(s, "style:name");
    if (!name) continue;
    const tp = child(s, "style:text-properties");
    const style: OdfStyle = { parent: attr(s, "style:parent-style-name") };
    const weight = attr(tp, "fo:font-weight");
    if (weight) style.bold = weight === "bold" || Number(weight) >= 600;
    const fontStyle = attr(tp, "fo:font-style");
    if (fontStyle) style.italic = fontStyle === "italic" || fontStyle === "oblique";
    const size = attr(tp, "fo:font-size")?.match(/^([\d.]+)pt$/);
    if (size) style.size = Number(size[1]);
    const color = attr(tp, "fo:color");
    if (color) style.color = color.toLowerCase();
    if (attr(tp, "text:display") === "none") style.hidden = true;
    into.set(name, style);
  }
}

function resolve(styles: Map<string, OdfStyle>, name: string | undefined): OdfStyle {
  const chain: OdfStyle[] = [];
  let cur = name;
  for (let depth = 0; cur && depth < 20; depth++) {
    const s = styles.get(cur);
    if (!s) break;
    chain.unshift(s);
    cur = s.parent;
  }
  return Object.assign({}, ...chain);
}

function readContainer(node: XNode, styles: Map<string, OdfStyle>, out: Paragraph[], inList: boolean): void {
  for (const el of elements(node)) {
    switch (el.name) {
      case "text:p":
      case "text:h":
        readParagraph(el, styles, out, inList, el.name === "text:h");
        break;
      case "text:list":
        readContainer(el, styles, out, true);
        break;
      case "text:list-item":
      case "text:list-header":
      case "text:section":
      case "table:table-row-group":
      case "table:table-header-rows":
      case "table:table-rows":
      case "table:table-cell":
      case "draw:text-box":
        readContainer(el, styles, out, inList);
        break;
      case "table:table":
        for (const row of findAll(el, "table:table-row")) {
          for (const cell of elements(row).filter((c) => c.name === "table:table-cell")) {
            readContainer(cell, styles, out, inList);
          }
          out.push({ text: "" });
        }
        break;
      default:
        break;
    }
  }
}

function readParagraph(
  p: XNode,
  styles: Map<string, OdfStyle>,
  out: Paragraph[],
  listItem: boolean,
  heading: boolean,
): void {
  const pStyle = resolve(styles, attr(p, "text:style-name"));
  const visible: { text: string; style: OdfStyle }[] = [];
  const hidden: Paragraph[] = [];
  const frames: XNode[] = [];
  const walk = (node: XNode, style: OdfStyle) => {
    for (const c of node.children ?? []) {
      if (c.type === "text") {
        const reason = hiddenReason(style);
        if (reason) hidden.push({ text: c.data ?? "", hidden: reason });
        else visible.push({ text: c.data ?? "", style });
        continue;
      }
      switch (c.name) {
        case "text:s":
          visible.push({ text: " ".repeat(Math.min(100, Number(attr(c, "text:c") ?? 1) || 1)), style });
          break;
        case "text:tab":
          visible.push({ text: "\t", style });
          break;
        case "text:line-break":
          visible.push({ text: "\n", style });
          break;
        case "draw:frame":
          frames.push(c);
          break;
        case "text:note":
        case "office:annotation":
          break;
        default:
          walk(c, { ...style, ...resolve(styles, attr(c, "text:style-name")) });
      }
    }
  };
  walk(p, pStyle);
  const counted = visible.filter((r) => r.text.trim());
  const total = Math.max(
    1,
    counted.reduce((n, r) => n + r.text.length, 0),
  );
  const share = (pred: (s: OdfStyle) => boolean) =>
    counted.reduce((n, r) => n + (pred(r.style) ? r.text.length : 0), 0) / total;
  out.push({
    text: visible.map((r) => r.text).join(""),
    bold: share((s) => !!s.bold) > 0.5,
    italic: share((s) => !!s.italic) > 0.5,
    fontSize: Math.max(pStyle.size ?? 11, ...counted.map((r) => r.style.size ?? 0)),
    listItem,
    heading,
  });
  out.push(...hidden);
  for (const frame of frames) {
    const box = child(frame, "draw:text-box");
    if (box) readContainer(box, styles, out, false);
  }
}

function hiddenReason(style: OdfStyle): Paragraph["hidden"] {
  if (style.hidden) return "hidden-style";
  if (style.size !== undefined && style.size < 2) return "tiny-font";
  if (style.color === "#ffffff") return "invisible-colour";
  return undefined;
}

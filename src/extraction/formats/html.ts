// HTML: block elements become paragraphs; inline styles that hide text (display:none, white or tiny text,
// zero opacity) keep it out of the text and report it.
import type { RawDocument } from "../assemble.ts";
import { decodeText } from "../decode-text.ts";
import { flowDocument, type Paragraph } from "../flow.ts";
import { attr, parseHtml, type XNode } from "../xml.ts";

const SKIP = new Set([
  "script",
  "style",
  "head",
  "noscript",
  "template",
  "svg",
  "iframe",
  "object",
  "button",
  "select",
]);
const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "aside",
  "nav",
  "li",
  "ul",
  "ol",
  "dl",
  "dt",
  "dd",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "table",
  "tr",
  "td",
  "th",
  "thead",
  "tbody",
  "blockquote",
  "pre",
  "address",
  "figure",
  "figcaption",
  "hr",
  "form",
  "fieldset",
  "center",
  "body",
  "html",
]);
const HEADING_SIZE: Record<string, number> = { h1: 24, h2: 18, h3: 14, h4: 12, h5: 11, h6: 10 };

interface Style {
  bold: boolean;
  italic: boolean;
  size: number;
  hidden?: Paragraph["hidden"];
  list: boolean;
  heading: boolean;
}

export function extractHtml(bytes: Uint8Array): RawDocument {
  const root = parseHtml(decodeText(bytes).text);
  const paragraphs: Paragraph[] = [];
  const links: string[] = [];
  let current: { text: string; style: Style }[] = [];
  const flush = () => {
    const visible = current.filter((r) => !r.style.hidden);
    const text = visible.map((r) => r.text).join("");
    if (text.trim()) {
      const s = visible.find((r) => r.text.trim())?.style ?? visible[0]!.style;
      paragraphs.push({
        text,
        bold: s.bold,
        italic: s.italic,
        fontSize: s.size,
        listItem: s.list,
        heading: s.heading,
      });
    }
    for (const r of current)
      if (r.style.hidden && r.text.trim()) paragraphs.push({ text: r.text, hidden: r.style.hidden });
    current = [];
  };
  const walk = (node: XNode, style: Style) => {
    if (node.type === "text") {
      current.push({ text: (node.data ?? "").replace(/\s+/g, " "), style });
      return;
    }
    const name = node.name?.toLowerCase() ?? "";
    if (node.type !== "tag" && node.type !== "root") return;
    if (SKIP.has(name)) return;
    if (name === "br") {
      current.push({ text: "\n", style });
      return;
    }
    const next = childStyle(node, name, style);
    if (name === "a") {
      const href = attr(node, "href");
      if (href && /^(?:https?:|mailto:|tel:)/i.test(href)) links.push(href);
    }
    const block = BLOCK.has(name);
    if (block) flush();
    for (const c of node.children ?? []) walk(c, next);
    if (block) flush();
  };
  walk(root, { bold: false, italic: false, size: 11, list: false, heading: false });
  flush();
  return flowDocument("html", paragraphs, { links });
}

function childStyle(node: XNode, name: string, parent: Style): Style {
  const style: Style = { ...parent };
  if (["b", "strong", "th"].includes(name)) style.bold = true;
  if (["i", "em", "cite"].includes(name)) style.italic = true;
  if (name === "li") style.list = true;
  const headingSize = HEADING_SIZE[name];
  if (headingSize) {
    style.size = headingSize;
    style.bold = true;
    style.heading = true;
  }
  if (attr(node, "hidden") !== undefined) style.hidden = "hidden-style";
  const css = (attr(node, "style") ?? "").toLowerCase().replace(/\s+/g, "");
  if (css) {
    if (/(?:^|;)(?:display:none|visibility:hidden|visibility:collapse)/.test(css))
      style.hidden = "hidden-style";
    if (/(?:^|;)opacity:0(?:\.0+)?(?:;|$)/.test(css)) style.hidden = "transparent";
    if (
      /(?:^|;)color:(?:#fff(?:fff)?|white|rgb\(255,255,255\)|transparent)(?:;|$)/.test(css) &&
      !/background/.test(css)
    ) {
      style.hidden ??= "invisible-colour";
    }
    const size = css.match(/(?:^|;)font-size:([\d.]+)(px|pt)/);
    if (size) {
      const pt = Number(size[1]) * (size[2] === "px" ? 0.75 : 1);
      if (pt < 2) style.hidden ??= "tiny-font";
      else style.size = pt;
    }
    if (/(?:^|;)font-weight:(?:bold|[6-9]00)/.test(css)) style.bold = true;
    if (/(?:^|;)font-style:italic/.test(css)) style.italic = true;
    if (/(?:^|;)(?:position:absolute|position:fixed)/.test(css) && /(?:left|top):-\d{3,}/.test(css)) {
      style.hidden ??= "outside-page";
    }
  }
  return style;
}

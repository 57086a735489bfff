// A small read-only view over htmlparser2's DOM, shared by the DOCX, ODT and HTML readers.
import { parseDocument } from "htmlparser2";

export interface XNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: XNode[];
  data?: string;
}

export function parseXml(text: string): XNode {
  return parseDocument(text, { xmlMode: true }) as unknown as XNode;
}

export function parseHtml(text: string): XNode {
  return parseDocument(text, { decodeEntities: true }) as unknown as XNode;
}

export function isElement(node: XNode): boolean {
  return node.type === "tag" || node.type === "script" || node.type === "style";
}

export function elements(node: XNode | undefined): XNode[] {
  return (node?.children ?? []).filter(isElement);
}

export function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children?.find((c) => isElement(c) && c.name === name);
}

export function attr(node: XNode | undefined, name: string): string | undefined {
  return node?.attribs?.[name];
}

/** First descendant element with this name, depth-first. */
export function find(node: XNode | undefined, name: string): XNode | undefined {
  for (const c of elements(node)) {
    if (c.name === name) return c;
    const hit = find(c, name);
    if (hit) return hit;
  }
  return undefined;
}

export function findAll(node: XNode | undefined, name: string, out: XNode[] = []): XNode[] {
  for (const c of elements(node)) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

/** Concatenated text of all descendant text nodes. */
export function textOf(node: XNode | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.data ?? "";
  return (node.children ?? []).map(textOf).join("");
}

// JSON schema for structured output, generated from the zod schema that also validates the answer, then
// tightened to what OpenAI's strict mode accepts (Anthropic's tool input schema accepts it too): every
// object closed and every property required (optional values are nullable), no keywords strict mode
// rejects.
import { z } from "zod";

/** Keywords strict mode does not support; validation with zod still enforces what they said. */
const DROPPED = new Set(["$schema", "default", "minLength", "maxLength", "format", "title", "examples"]);

export function strictJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return tighten(z.toJSONSchema(schema, { io: "output", unrepresentable: "any" })) as Record<string, unknown>;
}

function tighten(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tighten);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    out[key] = key === "properties" ? mapValues(value as Record<string, unknown>, tighten) : tighten(value);
  }
  if (out.type === "object" || out.properties) {
    const properties = (out.properties ?? {}) as Record<string, unknown>;
    out.properties = properties;
    out.required = Object.keys(properties);
    // Catch-all maps (e.g. extra links) cannot be expressed in strict mode: the fixed keys remain.
    out.additionalProperties = false;
  }
  return out;
}

function mapValues(obj: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, f(v)]));
}

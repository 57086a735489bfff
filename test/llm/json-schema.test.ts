import { describe, expect, it } from "vitest";
import { strictJsonSchema } from "../../src/llm/json-schema.ts";
import { llmMatchOutputSchema } from "../../src/llm/match-review.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";
import { parsedCvSchema } from "../../src/parsing/schema.ts";

/** Every object node of a JSON schema, with its path. */
function objects(node: unknown, path = "$", out: Array<[string, Record<string, unknown>]> = []) {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) objects(n, `${path}[${i}]`, out);
  } else if (node && typeof node === "object") {
    const o = node as Record<string, unknown>;
    if (o.type === "object") out.push([path, o]);
    for (const [k, v] of Object.entries(o)) objects(v, `${path}.${k}`, out);
  }
  return out;
}

describe("strictJsonSchema (OpenAI strict mode rules)", () => {
  for (const [name, schema] of [
    ["parsed CV", parsedCvSchema],
    ["JD requirements", jdRequirementsSchema],
    ["match review", llmMatchOutputSchema],
  ] as const) {
    it(`closes every object and requires every property: ${name}`, () => {
      const json = strictJsonSchema(schema);
      expect(json.type).toBe("object");
      const nodes = objects(json);
      expect(nodes.length).toBeGreaterThan(1);
      for (const [path, node] of nodes) {
        expect(node.additionalProperties, path).toBe(false);
        expect([...(node.required as string[])].sort(), path).toEqual(
          Object.keys(node.properties as object).sort(),
        );
      }
      const text = JSON.stringify(json);
      for (const keyword of ['"default"', '"$schema"', '"minLength"']) expect(text).not.toContain(keyword);
    });
  }

  it("expresses optional values as nullable type unions", () => {
    const json = strictJsonSchema(parsedCvSchema) as { properties: Record<string, { type?: unknown }> };
    expect(json.properties.email!.type).toEqual(["string", "null"]);
    const jd = strictJsonSchema(jdRequirementsSchema) as {
      properties: { required_skills: { items: { properties: Record<string, unknown> } } };
    };
    // `min_years` is optional in zod; in strict mode it is required but may be null.
    expect(JSON.stringify(jd.properties.required_skills.items.properties.min_years)).toContain('"null"');
  });
});

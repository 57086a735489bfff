// Tells "no such path" (404) from "no such method on this path" (405 with Allow, RFC 9110 §15.5.6):
// Fastify's router sends both to the not-found handler, so the registered routes are kept here too.

export interface RouteTable {
  add(url: string, method: string | string[]): void;
  /** The methods registered for a concrete path, sorted; empty when no route matches it. */
  allowedMethods(path: string): string[];
}

/** find-my-way syntax: `:name` is one path segment, `*` the rest of the path. */
function patternOf(url: string): RegExp {
  const source = url
    .split(/(:[A-Za-z0-9_]+|\*)/)
    .map((part) => {
      if (part === "*") return ".*";
      if (part.startsWith(":")) return "[^/]+";
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`);
}

export function createRouteTable(): RouteTable {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  return {
    add(url, method) {
      let route = routes.get(url);
      if (!route) {
        route = { pattern: patternOf(url), methods: new Set() };
        routes.set(url, route);
      }
      for (const m of Array.isArray(method) ? method : [method]) route.methods.add(m.toUpperCase());
    },
    allowedMethods(path) {
      const allowed = new Set<string>();
      for (const route of routes.values()) {
        if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
      }
      return [...allowed].sort();
    },
  };
}

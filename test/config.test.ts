import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../src/config.ts";

describe("configuration", () => {
  it("works with no environment at all (embedded defaults)", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      CVFLOW_MODE: "embedded",
      PORT: 8000,
      storageDriver: "local",
      ENGINE: "offline",
    });
    expect(config.pgliteDir).toBe("./data/pglite");
  });

  it("names every bad variable", () => {
    expect(() => parseConfig({ PORT: "eighty", WORKER_CONCURRENCY: "0" })).toThrow(ConfigError);
    try {
      parseConfig({ PORT: "eighty", WORKER_CONCURRENCY: "0" });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/WORKER_CONCURRENCY/);
    }
  });

  it("requires DATABASE_URL in distributed mode and defaults storage to S3 there", () => {
    expect(() => parseConfig({ CVFLOW_MODE: "distributed" })).toThrow(/DATABASE_URL/);
    const config = parseConfig({ CVFLOW_MODE: "distributed", DATABASE_URL: "postgres://127.0.0.1/x" });
    expect(config.storageDriver).toBe("s3");
  });

  it("runs the GitHub stage by default only with a token", () => {
    expect(parseConfig({}).githubEnabled).toBe(false);
    expect(parseConfig({ GITHUB_TOKEN: "t" }).githubEnabled).toBe(true);
    expect(parseConfig({ GITHUB_ENABLED: "true" }).githubEnabled).toBe(true);
    expect(parseConfig({ GITHUB_TOKEN: "t", GITHUB_ENABLED: "false" }).githubEnabled).toBe(false);
  });

  it("treats empty strings as unset and rejects malformed price tables", () => {
    expect(parseConfig({ PORT: "" }).PORT).toBe(8000);
    expect(() => parseConfig({ LLM_PRICES: "{not json" })).toThrow(/LLM_PRICES/);
  });
});

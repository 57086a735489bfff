// A local stand-in for OpenAI's Chat Completions API (node:http on 127.0.0.1, random port) for tests:
// each request is answered by a scripted reply (JSON success with usage, invalid JSON, refusal, an HTTP
// error with headers such as Retry-After, or a delay past the client's timeout) and recorded.
// Usage is computed like the provider does unless a reply fixes it: ~4 characters a token, and prompt
// tokens shared as a prefix with an earlier request count as cached (in 128-token steps, from
// `cacheMinTokens` on). Also holds the plumbing fake-anthropic.ts reuses.
//   const ai = await startFakeOpenAI([{ type: "json", value: {...} }]);
//   createLlmClient({ provider: "openai", baseUrl: ai.baseUrl, ... }); ... await ai.close();
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeUsage {
  /** Prompt tokens, cached included. */
  input: number;
  cached: number;
  output: number;
}

export type FakeReply =
  | { type: "json"; value: unknown; usage?: Partial<FakeUsage> }
  /** Raw answer text, e.g. invalid JSON (Anthropic: a text block instead of the tool call). */
  | { type: "text"; text: string; usage?: Partial<FakeUsage> }
  | { type: "refusal"; message: string; usage?: Partial<FakeUsage> }
  | { type: "error"; status: number; headers?: Record<string, string>; message?: string }
  | { type: "delay"; ms: number; reply: FakeReply };

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body. */
  body: Record<string, unknown>;
  /** The system prompt and the user message as text. */
  system: string;
  user: string;
  /** The structured-output schema asked for (OpenAI json_schema name, Anthropic forced tool name). */
  schemaName: string;
  /** Date.now() on arrival. */
  receivedAt: number;
}

/** A queue of replies (one per request, in order) or a function of the request. */
export type FakeScript = FakeReply[] | ((request: FakeRequest, index: number) => FakeReply);

export interface FakeLlmServer {
  /** The base URL to give the SDK. */
  baseUrl: string;
  readonly requests: FakeRequest[];
  close(): Promise<void>;
}

export interface FakeOptions {
  /** Shared prefixes shorter than this many tokens are not cached (OpenAI: 1024). */
  cacheMinTokens?: number;
}

export const approxTokens = (text: string) => Math.ceil(text.length / 4);

/** Tokens of the longest prefix `prompt` shares with an earlier prompt, in 128-token steps. */
export function cachedPrefixTokens(prompt: string, earlier: string[], minTokens: number): number {
  let best = 0;
  for (const e of earlier) {
    const n = Math.min(prompt.length, e.length);
    let i = 0;
    while (i < n && prompt.charCodeAt(i) === e.charCodeAt(i)) i++;
    best = Math.max(best, i);
  }
  const tokens = Math.floor(best / 4 / 128) * 128;
  return tokens >= minTokens ? tokens : 0;
}

export interface FakeProtocol {
  /** POST path served, e.g. "/v1/chat/completions". */
  path: string;
  /** Base URL from the origin, e.g. `${origin}/v1`. */
  baseUrl(origin: string): string;
  texts(body: Record<string, unknown>): { system: string; user: string; schemaName: string };
  success(
    reply: Extract<FakeReply, { type: "json" | "text" | "refusal" }>,
    request: FakeRequest,
    index: number,
  ): unknown;
  errorBody(status: number, message: string): unknown;
}

/** Serves one protocol over node:http on 127.0.0.1; the caller's script decides every answer. */
export async function startFakeLlmServer(protocol: FakeProtocol, script: FakeScript): Promise<FakeLlmServer> {
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.method !== "POST" || req.url?.split("?")[0] !== protocol.path) {
      send(res, 404, protocol.errorBody(404, `no route ${req.method} ${req.url}`), {
        "x-should-retry": "false",
      });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, protocol.errorBody(400, "body is not JSON"), { "x-should-retry": "false" });
      return;
    }
    const request: FakeRequest = {
      method: req.method,
      path: protocol.path,
      headers: req.headers,
      body,
      ...protocol.texts(body),
      receivedAt: Date.now(),
    };
    const index = requests.length;
    requests.push(request);
    const reply = Array.isArray(script) ? script[index] : script(request, index);
    answer(res, request, index, reply);
  });

  const answer = (res: ServerResponse, request: FakeRequest, index: number, reply: FakeReply | undefined) => {
    if (!reply) {
      send(res, 500, protocol.errorBody(500, `no scripted reply for request ${index + 1}`), {
        "x-should-retry": "false",
      });
    } else if (reply.type === "delay") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) answer(res, request, index, reply.reply);
      }, reply.ms);
      timers.add(timer);
    } else if (reply.type === "error") {
      send(
        res,
        reply.status,
        protocol.errorBody(reply.status, reply.message ?? `status ${reply.status}`),
        reply.headers ?? {},
      );
    } else {
      send(res, 200, protocol.success(reply, request, index), {});
    }
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: protocol.baseUrl(`http://127.0.0.1:${port}`),
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content.map((p) => (typeof p === "object" && p && "text" in p ? String(p.text) : "")).join("");
  return "";
}

/** Starts a fake OpenAI server; give the SDK `baseURL: fake.baseUrl` (it ends in /v1). */
export function startFakeOpenAI(script: FakeScript, options: FakeOptions = {}): Promise<FakeLlmServer> {
  const minTokens = options.cacheMinTokens ?? 1024;
  const prompts: string[] = [];
  return startFakeLlmServer(
    {
      path: "/v1/chat/completions",
      baseUrl: (origin) => `${origin}/v1`,
      texts(body) {
        const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>;
        const of = (role: string) =>
          messages
            .filter((m) => m.role === role)
            .map((m) => messageText(m.content))
            .join("\n");
        const format = body.response_format as { json_schema?: { name?: string } } | undefined;
        return { system: of("system"), user: of("user"), schemaName: format?.json_schema?.name ?? "" };
      },
      success(reply, request) {
        const content =
          reply.type === "json" ? JSON.stringify(reply.value) : reply.type === "text" ? reply.text : null;
        const prompt = JSON.stringify(request.body.messages);
        const input = reply.usage?.input ?? approxTokens(prompt);
        const cached = reply.usage?.cached ?? cachedPrefixTokens(prompt, prompts, minTokens);
        prompts.push(prompt);
        const output = reply.usage?.output ?? approxTokens(content ?? "");
        return {
          id: `chatcmpl-${prompts.length}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1000),
          model: request.body.model,
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content,
                refusal: reply.type === "refusal" ? reply.message : null,
              },
              finish_reason: "stop",
              logprobs: null,
            },
          ],
          usage: {
            prompt_tokens: input,
            completion_tokens: output,
            total_tokens: input + output,
            prompt_tokens_details: { cached_tokens: cached },
          },
        };
      },
      errorBody: (status, message) => ({
        error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null },
      }),
    },
    script,
  );
}

/**
 * A ready-made script for pipeline tests: answers every cvflow request with something valid and
 * plausible — the rule-based hints back for a CV parse or a JD, a neutral review (no score moves) for
 * a match. `startFakeOpenAI(cvflowDefaultReply)`.
 */
export function cvflowDefaultReply(request: FakeRequest): FakeReply {
  const hints = /<<<DATA hints ([0-9a-f]+)>>>\n([\s\S]*?)\n<<<END hints \1>>>/.exec(request.user)?.[2];
  if ((request.schemaName === "parsed_cv" || request.schemaName === "jd_requirements") && hints)
    return { type: "json", value: JSON.parse(hints) };
  if (request.schemaName === "match_review") {
    const none = { delta: 0, reason: "The automated assessment stands." };
    return {
      type: "json",
      value: {
        match_summary: "Assessment reviewed.",
        reasoning: "The automated assessment stands.",
        interview_focus_areas: [],
        strengths: [],
        adjustments: { technical_skills: none, experience: none, education: none, soft_skills: none },
      },
    };
  }
  return {
    type: "error",
    status: 400,
    message: `no default reply for schema ${request.schemaName || "(none)"}`,
  };
}

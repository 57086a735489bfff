// A local stand-in for Anthropic's Messages API, same scripting as fake-openai.ts. Structured answers
// come back as the forced tool's `tool_use` block. Usage follows Anthropic's accounting: the cacheable
// prefix (tools + system, when the system carries cache_control) is a cache write the first time and a
// cache read when an earlier request had the same prefix; `input_tokens` is the rest.
//   const ai = await startFakeAnthropic([{ type: "json", value: {...} }]);
//   createLlmClient({ provider: "anthropic", baseUrl: ai.baseUrl, ... }); ... await ai.close();
import {
  approxTokens,
  type FakeLlmServer,
  type FakeOptions,
  type FakeScript,
  startFakeLlmServer,
} from "./fake-openai.ts";

interface Block {
  type?: string;
  text?: string;
  cache_control?: unknown;
}

const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? (content as Block[]).map((b) => b.text ?? "").join("")
      : "";

export function startFakeAnthropic(script: FakeScript, options: FakeOptions = {}): Promise<FakeLlmServer> {
  const minTokens = options.cacheMinTokens ?? 1024;
  const prefixes = new Set<string>();
  return startFakeLlmServer(
    {
      path: "/v1/messages",
      baseUrl: (origin) => origin,
      texts(body) {
        const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>;
        return {
          system: textOf(body.system),
          user: messages
            .filter((m) => m.role === "user")
            .map((m) => textOf(m.content))
            .join("\n"),
          schemaName: (body.tool_choice as { name?: string } | undefined)?.name ?? "",
        };
      },
      success(reply, request, index) {
        const body = request.body;
        const system = Array.isArray(body.system) ? (body.system as Block[]) : [];
        const cacheable = system.some((b) => b.cache_control);
        const prefix = JSON.stringify([body.tools, body.system]);
        const prefixTokens = cacheable ? approxTokens(prefix) : 0;
        const total = approxTokens(JSON.stringify([body.tools, body.system, body.messages]));
        let read = 0;
        let write = 0;
        if (prefixTokens >= minTokens) {
          if (prefixes.has(prefix)) read = prefixTokens;
          else write = prefixTokens;
          prefixes.add(prefix);
        }
        const toolName = (body.tool_choice as { name?: string } | undefined)?.name ?? "answer";
        const content =
          reply.type === "json"
            ? [{ type: "tool_use", id: `toolu_${index}`, name: toolName, input: reply.value }]
            : [{ type: "text", text: reply.type === "text" ? reply.text : reply.message }];
        const fixed = reply.usage;
        const usage = {
          input_tokens: fixed ? (fixed.input ?? 0) - (fixed.cached ?? 0) : total - read - write,
          cache_creation_input_tokens: fixed ? 0 : write,
          cache_read_input_tokens: fixed ? (fixed.cached ?? 0) : read,
          output_tokens: fixed?.output ?? approxTokens(JSON.stringify(content)),
        };
        return {
          id: `msg_${index}`,
          type: "message",
          role: "assistant",
          model: body.model,
          content,
          stop_reason: reply.type === "json" ? "tool_use" : reply.type === "refusal" ? "refusal" : "end_turn",
          stop_sequence: null,
          usage,
        };
      },
      errorBody: (status, message) => ({
        type: "error",
        error: { type: status === 429 ? "rate_limit_error" : "api_error", message },
      }),
    },
    script,
  );
}

// RFC 9457 problem details: the one error format of the API. Routes throw ApiProblem (or let domain
// and framework errors through); `toProblem` maps anything to a safe body — no stack traces, SQL
// or file paths ever leave the process.
import type { FastifyError } from "fastify";
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from "fastify-type-provider-zod";
import { StorageNotFoundError } from "../ports.ts";

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: unknown[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  426: "Upgrade Required",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

const problemType = (slug: string) => `urn:cvflow:problem:${slug}`;

/** An HTTP-level failure a route decided on; carries everything the problem body needs. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly errors?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
  }
}

export const notFound = (what: string) => new ApiProblem(404, "not-found", `${what} not found`);
export const unauthorized = (detail = "missing or invalid credentials") =>
  new ApiProblem(401, "unauthorized", detail, undefined, { "www-authenticate": 'Bearer realm="cvflow"' });
export const conflict = (detail: string) => new ApiProblem(409, "conflict", detail);
export const badRequest = (detail: string, errors?: unknown[]) =>
  new ApiProblem(400, "bad-request", detail, errors);

export function problemBody(status: number, slug: string, detail: string, errors?: unknown[]): Problem {
  const body: Problem = { type: problemType(slug), title: TITLES[status] ?? "Error", status, detail };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export interface MappedProblem {
  body: Problem;
  headers: Record<string, string>;
  /** Whether the error is unexpected (logged with its stack, answered with a generic body). */
  internal: boolean;
}

/** Maps any error reaching the edge to a problem body. */
export function toProblem(error: unknown): MappedProblem {
  if (error instanceof ApiProblem) {
    return {
      body: problemBody(error.status, error.slug, error.message, error.errors),
      headers: error.headers ?? {},
      internal: false,
    };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? "body";
    const errors: FieldError[] = error.validation.map((issue) => ({
      field: fieldName(context, issue.instancePath),
      message: issue.message ?? "invalid",
    }));
    const fields = [...new Set(errors.map((e) => e.field))].join(", ");
    return {
      body: problemBody(400, "validation-error", `invalid request: ${fields}`, errors),
      headers: {},
      internal: false,
    };
  }
  if (error instanceof StorageNotFoundError) {
    return { body: problemBody(404, "not-found", "file not found"), headers: {}, internal: false };
  }
  if (error instanceof ResponseSerializationError) return internalProblem();
  const fastifyError = error as Partial<FastifyError> | null;
  const status = fastifyError?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return { body: clientProblem(status, fastifyError), headers: {}, internal: false };
  }
  return internalProblem();
}

function internalProblem(): MappedProblem {
  return {
    body: problemBody(500, "internal-error", "the server could not complete the request"),
    headers: {},
    internal: true,
  };
}

/** Framework errors (body parsing, multipart limits...) carry a status; their messages name no internals. */
function clientProblem(status: number, error: Partial<FastifyError> | null): Problem {
  switch (error?.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problemBody(400, "malformed-json", "the request body is not valid JSON");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return problemBody(415, "unsupported-media-type", "unsupported content type");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problemBody(413, "too-large", "the request body is too large");
    case "FST_FILES_LIMIT":
      return problemBody(413, "too-many-files", "too many files in one request");
    case "FST_REQ_FILE_TOO_LARGE":
      return problemBody(413, "file-too-large", "a file is larger than the allowed size");
    case "FST_INVALID_MULTIPART_CONTENT_TYPE":
      return problemBody(415, "unsupported-media-type", "expected multipart/form-data");
    default: {
      const slug = status === 429 ? "rate-limited" : "bad-request";
      const detail = status === 429 ? "too many requests, retry later" : safeMessage(error?.message);
      return problemBody(status, slug, detail);
    }
  }
}

function safeMessage(message: string | undefined): string {
  // Framework messages are short and generic; anything path- or SQL-like is replaced.
  if (!message || message.length > 200 || /[/\\]\w|select |insert |\bat\s/i.test(message)) {
    return "the request could not be processed";
  }
  return message;
}

function fieldName(context: string, instancePath: string): string {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  const prefix = context === "querystring" ? "query" : context;
  return path ? `${prefix}.${path}` : prefix;
}

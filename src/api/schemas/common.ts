// Shapes shared by every route group: problem bodies, ids, pagination, timestamps.
import { z } from "zod";

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.unknown()).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details (application/problem+json)" });

export const uuid = z.uuid();
export const timestamp = z.iso.datetime({ offset: true });

export const idParams = z.object({ id: uuid });

export const paginationQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type Pagination = z.infer<typeof paginationQuery>;

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    page_size: z.number().int(),
  });
}

const usageTotalsSchema = z.object({
  total_cost_usd: z.number(),
  input_tokens: z.number().int(),
  cached_input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  calls: z.number().int(),
});

export const costSchema = usageTotalsSchema
  .extend({
    by_stage: z
      .record(z.string(), usageTotalsSchema)
      .optional()
      .describe("Per pipeline stage (detail views only)"),
  })
  .meta({ id: "Cost", description: "LLM usage and cost (zero in the offline engine)" });

/** The error responses every protected route can give, for the OpenAPI document. */
export const protectedErrors = {
  400: problemSchema,
  401: problemSchema,
  404: problemSchema,
} as const;

export const noContent = z.undefined().describe("No content");

export const toIso = (d: Date) => d.toISOString();
export const toIsoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

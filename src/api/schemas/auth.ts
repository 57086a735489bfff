// Accounts and API keys.
import { z } from "zod";
import { costSchema, timestamp, uuid } from "./common.ts";

const email = z
  .email()
  .max(320)
  .transform((e) => e.trim().toLowerCase());

export const registerBody = z.object({
  email,
  password: z.string().min(8, "at least 8 characters").max(256),
  name: z.string().trim().min(1).max(200).optional(),
});

export const loginBody = z.object({ email, password: z.string().min(1).max(256) });

export const userSchema = z
  .object({ id: uuid, email: z.string(), name: z.string().nullable(), created_at: timestamp })
  .meta({ id: "User" });

export const registerResponse = z.object({
  user: userSchema,
  access_token: z.string(),
  token_type: z.literal("bearer"),
  expires_in: z.number().int(),
});

export const loginResponse = registerResponse;

export const meResponse = userSchema.extend({ usage: costSchema });

export const createApiKeyBody = z.object({ name: z.string().trim().min(1).max(100).optional() }).nullish();

export const apiKeySchema = z
  .object({
    id: uuid,
    name: z.string().nullable(),
    prefix: z.string().describe("First characters of the key, to tell keys apart"),
    created_at: timestamp,
    last_used_at: timestamp.nullable(),
  })
  .meta({ id: "ApiKey" });

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().describe("The key itself; shown only in this response"),
});

export const apiKeyList = z.object({ items: z.array(apiKeySchema) });

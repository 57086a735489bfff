// The live progress routes: the WebSocket's parameters and the messages it sends. OpenAPI has no
// notation for messages on a socket, so their schema is a component the route points to.
import { z } from "zod";
import { batchProgressEventSchema, cvProgressEventSchema } from "../../progress/events.ts";
import { uuid } from "./common.ts";

export const wsParams = z.object({ user_id: uuid.describe("The id of the account whose events to receive") });
export const wsQuery = z.object({
  token: z
    .string()
    .optional()
    .describe(
      "An access token or API key of that account. Required: the socket closes with 4401 without a valid " +
        "one (a query parameter, as browsers cannot set headers on a WebSocket).",
    ),
});

export const subscribedMessageSchema = z
  .object({ type: z.literal("subscribed"), user_id: uuid })
  .meta({ id: "SubscribedMessage", description: "The first message on a new connection" });

export const liveMessageSchema = z
  .discriminatedUnion("type", [
    subscribedMessageSchema,
    cvProgressEventSchema.meta({ id: "CvProgressEvent", description: "One CV entered a stage" }),
    batchProgressEventSchema.meta({
      id: "BatchProgressEvent",
      description: "Counts and ETA of a batch (coalesced)",
    }),
  ])
  .meta({
    id: "LiveMessage",
    description: "A JSON text frame of the progress WebSocket (also the data of each SSE event)",
  });

/** Where the document keeps the message schema (the output component of `LiveMessage`). */
export const LIVE_MESSAGE_REF = "#/components/schemas/LiveMessage";

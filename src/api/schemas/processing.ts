// Processing: queueing a batch, retrying a CV, the queue status of a batch.
import { z } from "zod";
import { uuid } from "./common.ts";

export const batchIdParams = z.object({ batch_id: uuid });
export const cvIdParams = z.object({ cv_id: uuid });

export const processResponse = z.object({
  batch_id: uuid,
  queued: z.number().int().describe("CVs put in the queue (uploaded and failed ones)"),
});

export const retryResponse = z.object({ cv_id: uuid, status: z.literal("queued") });

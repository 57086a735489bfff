// Rows the tests need: an account, a JD, a batch.
import type { Database } from "../../src/db/database.ts";
import { cvBatches, jobDescriptions, users } from "../../src/db/schema.ts";
import type { JdRequirements } from "../../src/matching/jd-schema.ts";
import { jdRequirementsSchema } from "../../src/matching/jd-schema.ts";

export async function createUser(db: Database, email = `user-${crypto.randomUUID()}@example.com`) {
  const [user] = await db.insert(users).values({ email, passwordHash: "!" }).returning({ id: users.id });
  return user!.id;
}

export async function createJd(
  db: Database,
  userId: string,
  title: string,
  requirements: Partial<JdRequirements>,
): Promise<string> {
  const [jd] = await db
    .insert(jobDescriptions)
    .values({
      userId,
      title,
      description: `${title}. Skills: ${requirements.required_skills?.map((s) => s.skill).join(", ") ?? ""}`,
      requirements: jdRequirementsSchema.parse(requirements),
    })
    .returning({ id: jobDescriptions.id });
  return jd!.id;
}

export async function createBatch(db: Database, userId: string, jdId: string | null, title = "Batch") {
  const [batch] = await db
    .insert(cvBatches)
    .values({ userId, title, jobDescriptionId: jdId })
    .returning({ id: cvBatches.id });
  return batch!.id;
}

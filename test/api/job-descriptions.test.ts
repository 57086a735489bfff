import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Account, API, type ApiHarness, as, MODES, register, startApi } from "../support/api-harness.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  let req: ReturnType<typeof as>;
  beforeAll(async () => {
    h = await startApi({ mode });
    acct = await register(h.app, "jd");
    req = as(h.app, acct);
  });
  afterAll(() => h?.close());

  const TEXT = [
    "We are hiring a backend engineer.",
    "Requirements:",
    "- 5+ years of professional experience",
    "- Strong Python and Django",
    "- PostgreSQL",
    "Nice to have:",
    "- Kubernetes",
  ].join("\n");

  const skills = (body: { required_skills: Array<{ skill: string }> }) =>
    body.required_skills.map((s) => s.skill);

  describe("job descriptions", () => {
    it("derives the structured fields from free text and returns them on GET", async () => {
      const created = await req({
        method: "POST",
        url: `${API}/job-descriptions`,
        payload: { title: "Senior Backend Engineer", description: TEXT, location: "Remote" },
      });
      expect(created.statusCode).toBe(201);
      const jd = created.json();
      expect(skills(jd)).toEqual(expect.arrayContaining(["Python", "Django", "PostgreSQL"]));
      expect(jd.preferred_skills).toContain("Kubernetes");
      expect(jd.min_experience_years).toBe(5);
      expect(jd.user_fields).toEqual([]);

      const got = await req({ method: "GET", url: `${API}/job-descriptions/${jd.id}` });
      expect(got.statusCode).toBe(200);
      expect(got.json()).toEqual(jd);
    });

    it("keeps the user's fields over derivation, also when the text changes", async () => {
      const created = await req({
        method: "POST",
        url: `${API}/job-descriptions`,
        payload: {
          title: "Backend Engineer",
          description: TEXT,
          required_skills: [{ skill: "Go", importance: "critical", min_years: 3 }],
        },
      });
      const jd = created.json();
      expect(jd.required_skills).toEqual([{ skill: "Go", importance: "critical", min_years: 3 }]);
      expect(jd.user_fields).toEqual(["required_skills"]);
      // Fields the user did not set are still derived.
      expect(jd.min_experience_years).toBe(5);

      const patched = await req({
        method: "PATCH",
        url: `${API}/job-descriptions/${jd.id}`,
        payload: { description: "Requirements:\n- 8+ years of professional experience\n- Rust and Java" },
      });
      expect(patched.statusCode).toBe(200);
      const after = patched.json();
      expect(after.required_skills).toEqual([{ skill: "Go", importance: "critical", min_years: 3 }]);
      expect(after.min_experience_years).toBe(8);

      const edited = await req({
        method: "PATCH",
        url: `${API}/job-descriptions/${jd.id}`,
        payload: { min_experience_years: 2 },
      });
      expect(edited.json().min_experience_years).toBe(2);
      expect(edited.json().user_fields.sort()).toEqual(["min_experience_years", "required_skills"]);

      const reset = await req({
        method: "PATCH",
        url: `${API}/job-descriptions/${jd.id}`,
        payload: { reset_fields: ["required_skills"] },
      });
      expect(reset.json().user_fields).toEqual(["min_experience_years"]);
      expect(skills(reset.json())).toEqual(expect.arrayContaining(["Rust", "Java"]));
      expect(skills(reset.json())).not.toContain("Go");
    });

    it("lists with pagination and deletes", async () => {
      const other = await register(h.app, "jd-list");
      const r = as(h.app, other);
      const ids = [];
      for (let i = 0; i < 3; i++) {
        const res = await r({
          method: "POST",
          url: `${API}/job-descriptions`,
          payload: { title: `JD ${i}`, description: "" },
        });
        ids.push(res.json().id);
      }
      const page1 = await r({ method: "GET", url: `${API}/job-descriptions?page=1&page_size=2` });
      expect(page1.json()).toMatchObject({ total: 3, page: 1, page_size: 2 });
      expect(page1.json().items).toHaveLength(2);
      const page2 = await r({ method: "GET", url: `${API}/job-descriptions?page=2&page_size=2` });
      expect(page2.json().items).toHaveLength(1);
      const all = [...page1.json().items, ...page2.json().items].map((j: { id: string }) => j.id);
      expect(all.sort()).toEqual([...ids].sort());

      expect((await r({ method: "DELETE", url: `${API}/job-descriptions/${ids[0]}` })).statusCode).toBe(204);
      expect((await r({ method: "GET", url: `${API}/job-descriptions/${ids[0]}` })).statusCode).toBe(404);
      expect((await r({ method: "DELETE", url: `${API}/job-descriptions/${ids[0]}` })).statusCode).toBe(404);
    });

    it("rejects invalid bodies naming the fields", async () => {
      const res = await req({
        method: "POST",
        url: `${API}/job-descriptions`,
        payload: { title: "", description: "x", required_skills: [{ skill: "Go", importance: "urgent" }] },
      });
      expect(res.statusCode).toBe(400);
      const fields = res.json().errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(["body.title", "body.required_skills.0.importance"]));
      const empty = await req({
        method: "PATCH",
        url: `${API}/job-descriptions/${crypto.randomUUID()}`,
        payload: {},
      });
      expect(empty.statusCode).toBe(400);
      const bad = await req({ method: "GET", url: `${API}/job-descriptions/not-a-uuid` });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe("params.id");
    });
  });
});

import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvs } from "../../src/db/schema.ts";
import {
  type Account,
  API,
  type ApiHarness,
  as,
  MODES,
  multipart,
  register,
  startApi,
} from "../support/api-harness.ts";
import { cvDocx, cvPdf, profile } from "../support/cv-fixtures.ts";

describe.each(MODES)("%s mode", (mode) => {
  let h: ApiHarness;
  let acct: Account;
  let req: ReturnType<typeof as>;
  beforeAll(async () => {
    h = await startApi({ mode, env: { UPLOAD_MAX_FILES: "5", UPLOAD_MAX_FILE_BYTES: String(512 * 1024) } });
    acct = await register(h.app, "upload");
    req = as(h.app, acct);
  });
  afterAll(() => h?.close());

  async function newBatch(r = req) {
    const res = await r({ method: "POST", url: `${API}/cv-batches`, payload: { title: "Uploads" } });
    return res.json().id as string;
  }

  const upload = (batchId: string, files: Parameters<typeof multipart>[0], r = req) =>
    r({ method: "POST", url: `${API}/cv-batches/${batchId}/upload`, ...multipart(files) });

  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(200),
  ]);
  const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200)]);

  /** A DOCX-shaped ZIP larger than the sniffed head: only its central directory (at the end) tells. */
  function bigDocx(): Uint8Array {
    return zipSync(
      {
        "[Content_Types].xml": strToU8("<Types/>"),
        "word/media/blob.bin": [randomBytes(300 * 1024), { level: 0 }],
        "word/document.xml": strToU8(
          "<w:document><w:body><w:p><w:r><w:t>Jane Roe</w:t></w:r></w:p></w:body></w:document>",
        ),
      },
      { level: 0 },
    );
  }

  /** An OLE2 compound file whose "WordDocument" stream name sits far from the start. */
  function bigDoc(withWordStream: boolean): Buffer {
    const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const body = Buffer.alloc(200 * 1024, 0);
    const name = Buffer.from(withWordStream ? "WordDocument" : "Workbook", "utf16le");
    name.copy(body, body.length - 1024);
    return Buffer.concat([header, body]);
  }

  describe("upload", () => {
    it("accepts every supported type by content and rejects the rest with a reason", async () => {
      const batchId = await newBatch();
      const p = profile(1);
      const res = await upload(batchId, [
        { filename: "cv.pdf", bytes: await cvPdf(p) },
        { filename: "cv.docx", bytes: await cvDocx(p) },
        { filename: "cv.txt", bytes: "Jane Roe\nSoftware engineer\nPython, Go\n" },
        { filename: "cv.html", bytes: "<!doctype html><html><body><h1>Jane Roe</h1></body></html>" },
        { filename: "cv.rtf", bytes: "{\\rtf1\\ansi Jane Roe\\par}" },
      ]);
      expect(res.statusCode, res.body).toBe(201);
      const body = res.json();
      expect(body.rejected).toEqual([]);
      expect(body.uploaded.map((u: { format: string }) => u.format)).toEqual([
        "pdf",
        "docx",
        "txt",
        "html",
        "rtf",
      ]);
      for (const u of body.uploaded) {
        expect(u).toMatchObject({
          id: expect.any(String),
          status: "uploaded",
          size_bytes: expect.any(Number),
        });
      }

      const more = await upload(batchId, [
        { filename: "scan.png", bytes: PNG },
        { filename: "photo.jpg", bytes: JPEG },
        { filename: "big.docx", bytes: bigDocx() },
        { filename: "old.doc", bytes: bigDoc(true) },
      ]);
      expect(more.statusCode, more.body).toBe(201);
      expect(more.json().uploaded.map((u: { mime_type: string }) => u.mime_type)).toEqual([
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/msword",
      ]);
    });

    it("does not trust the name or the declared type", async () => {
      const batchId = await newBatch();
      const res = await upload(batchId, [
        {
          filename: "resume.pdf",
          bytes: zipSync({ "hello.txt": strToU8("hi") }),
          contentType: "application/pdf",
        },
        { filename: "resume.docx", bytes: randomBytes(4096), contentType: "application/msword" },
        { filename: "sheet.doc", bytes: bigDoc(false) },
        { filename: "fine.txt", bytes: "Plain text CV" },
      ]);
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.uploaded.map((u: { filename: string }) => u.filename)).toEqual(["fine.txt"]);
      expect(body.rejected.map((r: { filename: string }) => r.filename)).toEqual([
        "resume.pdf",
        "resume.docx",
        "sheet.doc",
      ]);
      for (const r of body.rejected) expect(r.error).toMatch(/unsupported file type/);
      // Rejected files are not kept anywhere.
      const rows = await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId));
      expect(rows).toHaveLength(1);
    });

    it("stores the bytes as sent under a sanitised name", async () => {
      const batchId = await newBatch();
      const bytes = await cvPdf(profile(2));
      const res = await upload(batchId, [{ filename: "../../etc/pass<wd>|x?.pdf", bytes }]);
      expect(res.statusCode).toBe(201);
      const [u] = res.json().uploaded;
      expect(u.filename).toBe("pass_wd__x_.pdf");
      const [row] = await h.runtime.db.select().from(cvs).where(eq(cvs.id, u.id));
      expect(Buffer.compare(await h.runtime.storage.get(row!.storageKey), bytes)).toBe(0);
      expect(row!.storageKey).not.toContain("..");
    });

    it("reports the same file uploaded again as a duplicate instead of storing it twice", async () => {
      const batchId = await newBatch();
      const bytes = Buffer.from("Jane Roe\nDuplicate test\n");
      const first = await upload(batchId, [{ filename: "a.txt", bytes }]);
      const id = first.json().uploaded[0].id;
      const again = await upload(batchId, [{ filename: "b.txt", bytes }]);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({
        uploaded: [],
        rejected: [{ filename: "b.txt", error: expect.stringMatching(/duplicate/), duplicate_of: id }],
      });
      const inOne = await upload(batchId, [
        { filename: "c.txt", bytes: "Another CV" },
        { filename: "d.txt", bytes: "Another CV" },
      ]);
      expect(inOne.statusCode).toBe(201);
      expect(inOne.json().uploaded).toHaveLength(1);
      expect(inOne.json().rejected[0].duplicate_of).toBe(inOne.json().uploaded[0].id);
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(2);
      // Another batch may hold the same file.
      const other = await upload(await newBatch(), [{ filename: "a.txt", bytes }]);
      expect(other.statusCode).toBe(201);
    });

    it("answers 413 for a file over the size limit and keeps the others", async () => {
      const batchId = await newBatch();
      const big = Buffer.alloc(600 * 1024, "a");
      const only = await upload(batchId, [{ filename: "big.txt", bytes: big }]);
      expect(only.statusCode).toBe(413);
      expect(only.json().errors[0]).toMatchObject({
        filename: "big.txt",
        error: expect.stringMatching(/larger/),
      });
      const mixed = await upload(batchId, [
        { filename: "big.txt", bytes: big },
        { filename: "small.txt", bytes: "small CV" },
      ]);
      expect(mixed.statusCode).toBe(201);
      expect(mixed.json().uploaded.map((u: { filename: string }) => u.filename)).toEqual(["small.txt"]);
      expect(mixed.json().rejected[0].filename).toBe("big.txt");
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(1);
    });

    it("answers 413 for too many files in one request and keeps none of them", async () => {
      const batchId = await newBatch();
      const files = Array.from({ length: 6 }, (_, i) => ({
        filename: `cv${i}.txt`,
        bytes: `CV number ${i}`,
      }));
      const res = await upload(batchId, files);
      expect(res.statusCode).toBe(413);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(0);
    });

    it("answers 400 without files, 422 when nothing is usable, 415 for a non-multipart body", async () => {
      const batchId = await newBatch();
      const none = await req({
        method: "POST",
        url: `${API}/cv-batches/${batchId}/upload`,
        ...multipart([], { note: "no files" }),
      });
      expect(none.statusCode).toBe(400);
      const empty = await upload(batchId, [{ filename: "empty.txt", bytes: "" }]);
      expect(empty.statusCode).toBe(422);
      expect(empty.json().errors).toEqual([{ filename: "empty.txt", error: "file is empty" }]);
      const wrongField = await upload(batchId, [{ filename: "a.txt", bytes: "x", field: "file" }]);
      expect(wrongField.statusCode).toBe(422);
      expect(wrongField.json().errors[0].error).toMatch(/files/);
      const json = await req({
        method: "POST",
        url: `${API}/cv-batches/${batchId}/upload`,
        payload: { files: [] },
      });
      expect(json.statusCode).toBe(415);
    });

    it("answers 404 for a batch that is not the caller's, before reading the files", async () => {
      const stranger = await register(h.app, "stranger");
      const batchId = await newBatch();
      const res = await upload(batchId, [{ filename: "a.txt", bytes: "x" }], as(h.app, stranger));
      expect(res.statusCode).toBe(404);
      expect(await h.runtime.db.select().from(cvs).where(eq(cvs.batchId, batchId))).toHaveLength(0);
    });

    it("limits uploads per account with 429 and Retry-After", async () => {
      const limited = await startApi({ mode, env: { RATE_LIMIT_UPLOAD_PER_MINUTE: "2" } });
      try {
        const a = await register(limited.app, "upl");
        const r = as(limited.app, a);
        const batchId = (
          await r({ method: "POST", url: `${API}/cv-batches`, payload: { title: "x" } })
        ).json().id;
        const codes = [];
        for (let i = 0; i < 3; i++) {
          const res = await r({
            method: "POST",
            url: `${API}/cv-batches/${batchId}/upload`,
            ...multipart([{ filename: `${i}.txt`, bytes: `CV ${i}` }]),
          });
          codes.push(res.statusCode);
          if (res.statusCode === 429) expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
        }
        expect(codes).toEqual([201, 201, 429]);
        // Another account has its own budget.
        const b = await register(limited.app, "upl2");
        const rb = as(limited.app, b);
        const other = (await rb({ method: "POST", url: `${API}/cv-batches`, payload: { title: "y" } })).json()
          .id;
        const ok = await rb({
          method: "POST",
          url: `${API}/cv-batches/${other}/upload`,
          ...multipart([{ filename: "x.txt", bytes: "CV" }]),
        });
        expect(ok.statusCode).toBe(201);
      } finally {
        await limited.close();
      }
    });
  });
});

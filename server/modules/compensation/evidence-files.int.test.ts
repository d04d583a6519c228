import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDb, type TestDatabase } from "@/tests/helpers/db";
import { pngImage, SECRET_GPS, contains } from "@/server/modules/knights/photos/test-images";
import { jpegWithExif } from "@/server/modules/knights/photos/test-images";
import { addEvidencePhoto, confirmEvidence } from "@/server/modules/compensation/requisitions";
import { addClaimLine, assembleClaim } from "@/server/modules/compensation/claims";
import { readEvidencePhoto, readReceipt } from "@/server/modules/compensation/evidence-files";
import { acceptedAssignment, pinLifecycle, progress, seedCompensationFixtures } from "@/server/modules/compensation/test-fixtures";

let t: TestDatabase;
let f: Awaited<ReturnType<typeof seedCompensationFixtures>>;

beforeAll(async () => {
  t = await testDb();
  f = await seedCompensationFixtures(t.db);
});
afterAll(async () => t.cleanup());

describe("evidence photos and receipts are served to the two sides only", () => {
  it("both sides read them; another organisation, a stranger supplier and unknown ids get nothing; metadata is gone", async () => {
    const { supplier, dispatcherA, memberA, memberB } = f.actors;
    const { assignmentId: a } = await acceptedAssignment(t.db, f);
    await progress(t.db, supplier, a, ["MOBILIZED"]);
    const photo = await addEvidencePhoto(t.db, supplier, { assignmentId: a, stage: "HANDOVER", dataBase64: Buffer.from(jpegWithExif()).toString("base64") });
    for (const who of [supplier, dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "HANDOVER" });
    await progress(t.db, supplier, a, ["EN_ROUTE", "ON_SCENE", "COMPLETED", "RELEASED"]);
    await pinLifecycle(t.db, a);
    for (const who of [supplier, dispatcherA]) await confirmEvidence(t.db, who, { assignmentId: a, stage: "RETURN" });
    const claim = await assembleClaim(t.db, supplier, a);
    const withReceipt = await addClaimLine(t.db, supplier, { id: claim.id, kind: "FUEL", description: "加油", amountCents: 100, receiptBase64: Buffer.from(pngImage()).toString("base64") });
    const receiptId = withReceipt.lines.at(-1)!.receipts[0]!.id;

    for (const who of [supplier, dispatcherA, memberA]) {
      const p = await readEvidencePhoto(t.db, who, photo.id);
      expect(p?.contentType).toBe("image/jpeg");
      expect(contains(p!.bytes, SECRET_GPS)).toBe(false);
      expect((await readReceipt(t.db, who, receiptId))?.contentType).toBe("image/png");
    }
    for (const who of [memberB, f.supplier2]) {
      expect(await readEvidencePhoto(t.db, who, photo.id)).toBeNull();
      expect(await readReceipt(t.db, who, receiptId)).toBeNull();
    }
    expect(await readEvidencePhoto(t.db, supplier, "nope")).toBeNull();
    expect(await readReceipt(t.db, supplier, "nope")).toBeNull();
  });
});

import { z } from "zod";

/** Reviews after release. Messages are keys of the "compensation" namespace (`errors.*`). */

const ZScore = z.number({ error: "errors.score" }).int({ error: "errors.score" }).min(1, { error: "errors.score" }).max(5, { error: "errors.score" });

export const ZSubmitReviewInput = z
  .object({
    assignmentId: z.string().trim().min(1).max(64),
    /** The requester rates the supplier's resource on three scores; the supplier rates the requester overall. */
    side: z.enum(["REQUESTER", "SUPPLIER"]),
    punctuality: ZScore.optional(),
    condition: ZScore.optional(),
    cooperation: ZScore.optional(),
    rating: ZScore.optional(),
    comment: z.string().trim().max(1000, { error: "errors.tooLong" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.side === "REQUESTER") {
      for (const k of ["punctuality", "condition", "cooperation"] as const) if (v[k] === undefined) ctx.addIssue({ code: "custom", path: [k], message: "errors.score" });
    } else if (v.rating === undefined) ctx.addIssue({ code: "custom", path: ["rating"], message: "errors.score" });
  });
export type TSubmitReviewInput = z.infer<typeof ZSubmitReviewInput>;

export const ZReviewDto = z.object({
  id: z.string(),
  assignmentId: z.string(),
  side: z.enum(["REQUESTER", "SUPPLIER"]),
  rating: z.number().int(),
  punctuality: z.number().int().nullable(),
  condition: z.number().int().nullable(),
  cooperation: z.number().int().nullable(),
  comment: z.string().nullable(),
  createdAt: z.date(),
});
export type TReviewDto = z.infer<typeof ZReviewDto>;

import { z } from 'zod';

/**
 * The GPD (pagoPA debt positions) bodies the GPD connector reads, with only the fields it uses.
 * Reads go to the v3 API: v1's read models (`PaymentPositionModelBaseResponse`) carry no debtor,
 * v3's (`PaymentPositionModelResponseV3`) carry it on each payment option. Optional fields are
 * `nullish`: the service is Java and may write them as null.
 */

/** A Java `LocalDateTime` as GPD writes it (`2026-05-31T23:59:59`, no zone), or with one. */
export const gpdDateTimeSchema = z.iso.datetime({ local: true, offset: true });

/** `InstallmentModelResponse.status`. */
export const gpdInstallmentStatusSchema = z.enum(['UNPAID', 'PAID', 'PARTIALLY_REPORTED', 'REPORTED', 'UNPAYABLE', 'EXPIRED']);

/** `PaymentPositionModelResponseV3.status`: v1's INVALID and EXPIRED read as UNPAYABLE, REPORTED as PAID. */
export const gpdPositionStatusSchema = z.enum(['DRAFT', 'PUBLISHED', 'VALID', 'UNPAYABLE', 'PARTIALLY_PAID', 'PAID']);

/** `InstallmentModelResponse`: one payable notice. `amount` is in euro cents (GPD checks it against its transfers "in cent"). */
export const gpdInstallmentSchema = z.object({
  nav: z.string().nullish(),
  iuv: z.string(),
  amount: z.number().int(),
  description: z.string().nullish(),
  dueDate: gpdDateTimeSchema.nullish(),
  status: gpdInstallmentStatusSchema,
});

/** `PaymentOptionModelResponseV3`: the debtor and the instalments (one for a single payment). */
export const gpdPaymentOptionSchema = z.object({
  validityDate: gpdDateTimeSchema.nullish(),
  debtor: z.object({ type: z.enum(['F', 'G']), fiscalCode: z.string(), fullName: z.string() }),
  installments: z.array(gpdInstallmentSchema),
});

/** `PaymentPositionModelResponseV3`. */
export const gpdPositionSchema = z.object({
  iupd: z.string(),
  status: gpdPositionStatusSchema,
  paymentOption: z.array(gpdPaymentOptionSchema).nullish(),
});
export type GpdPosition = z.infer<typeof gpdPositionSchema>;
export type GpdPaymentOption = z.infer<typeof gpdPaymentOptionSchema>;
export type GpdInstallment = z.infer<typeof gpdInstallmentSchema>;

/** `PaymentPositionsInfoV3`: one page of the organization's positions. */
export const gpdPositionPageSchema = z.object({
  payment_position_list: z.array(gpdPositionSchema),
  page_info: z.object({ page: z.number().int(), limit: z.number().int(), items_found: z.number().int(), total_pages: z.number().int().min(0) }),
});

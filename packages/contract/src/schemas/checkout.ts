import { z } from 'zod';
import { centsSchema, idSchema, isoDateTimeSchema, noticeNumberOutSchema, payableCentsSchema } from './common.js';
import { serviceCodeSchema } from './credits.js';
import { paymentSchema } from './payments.js';
import { unexpectedCreditCreateRequestSchema } from './unexpected-credits.js';

/** Where the card page sends the citizen back: http(s), no credentials, no fragment. */
const returnUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && url.hash === '';
  }, 'a return URL has no user, password or #fragment')
  .describe("Page of the comune's site the card page sends the citizen back to, with `paybox_checkout=<session id>` added to its query. Its origin must be one of the publishable key's allowed origins.");

export const checkoutSessionCreateRequestSchema = z
  .object({
    creditId: idSchema('crd').optional().describe('A credit the comune issued, as POST /v1/credits/lookup found it.'),
    unexpectedCredit: unexpectedCreditCreateRequestSchema
      .omit({ amount: true, description: true })
      .optional()
      .describe(
        "Or a credit the comune does not know yet (credito non atteso: a traffic fine paid from its pre-notice): the service, the debtor and the service's fields, checked as POST /v1/unexpected-credits checks them. The credit is opened and closed when the card is authorised.",
      ),
    amount: payableCentsSchema.describe("The credit amount, exactly: a known credit's, or what the service's amount rule sets today (the web fee is added by the server)."),
    returnUrl: returnUrlSchema,
    locale: z.enum(['it', 'en']).default('it').describe('Language of the card page.'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.creditId === undefined) === (body.unexpectedCredit === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'send exactly one of creditId or unexpectedCredit' });
    }
  })
  .meta({ id: 'CheckoutSessionCreateRequest' });
export type CheckoutSessionCreateRequest = z.input<typeof checkoutSessionCreateRequestSchema>;

export const cardDeclineReasonSchema = z
  .enum(['card_declined', 'insufficient_funds', 'authentication_failed'])
  .describe('Why the card was refused: nothing was charged, the citizen may try another card.');
export type CardDeclineReason = z.infer<typeof cardDeclineReasonSchema>;

export const checkoutSessionStatusSchema = z
  .enum(['open', 'succeeded', 'already_paid', 'expired'])
  .describe(
    'open: waiting for a card (after a decline too); succeeded: paid, see payment; already_paid: the credit was paid elsewhere meanwhile (a shop, another tab) and this card was not charged; expired: not paid in time, start again.',
  );
export type CheckoutSessionStatus = z.infer<typeof checkoutSessionStatusSchema>;

export const checkoutSessionSchema = z
  .object({
    id: idSchema('cks'),
    status: checkoutSessionStatusSchema,
    creditId: idSchema('crd').nullable().describe('null for an unexpected credit until it is paid: it is opened and closed then.'),
    noticeNumber: noticeNumberOutSchema.nullable().describe('null for an unexpected credit until it is paid.'),
    serviceCode: serviceCodeSchema,
    description: z.string().describe("The credit's description for whoever pays: no names."),
    amount: centsSchema.describe('The credit amount, going to the comune.'),
    fee: centsSchema.describe('Web fee paid by the citizen on top.'),
    total: centsSchema.describe('amount + fee, charged to the card.'),
    currency: z.literal('EUR'),
    url: z.string().describe("The card acquirer's hosted payment page: send the browser there (a redirect, never an iframe). Card data never touches the comune's page."),
    returnUrl: z.string(),
    expiresAt: isoDateTimeSchema.describe('After this instant the session cannot be paid; an authorisation that arrives later is voided.'),
    createdAt: isoDateTimeSchema,
    lastDecline: z
      .object({ reason: cardDeclineReasonSchema, at: isoDateTimeSchema })
      .nullable()
      .describe('The last card refused on this session, if any.'),
    payment: paymentSchema.nullable().describe('Once succeeded: the payment, with its receipt and its transfer to the comune (CRO/TRN once the bank answers).'),
  })
  .meta({ id: 'CheckoutSession' });
export type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24 hours');

const openingHours = () =>
  z
    .array(
      z.object({
        day: z.number().int().min(1).max(7).describe('ISO day of the week: Monday = 1, Sunday = 7.'),
        opens: timeOfDaySchema,
        closes: timeOfDaySchema,
      }),
    )
    .describe('When the shop is open, in Rome time; a day may have several intervals, a day missing is a closing day.');

export const openingHoursSchema = openingHours().meta({ id: 'OpeningHours' });
/** The same, as a request sends it: its own id, since a request's objects convert without additionalProperties: false. */
export const openingHoursInputSchema = openingHours().meta({ id: 'OpeningHoursInput' });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const pointSchema = z
  .object({
    id: idSchema('agt'),
    name: z.string().describe('The shop, as its sign reads.'),
    address: z.string(),
    openingHours: openingHoursSchema,
  })
  .meta({ id: 'Point' });
export type Point = z.infer<typeof pointSchema>;

export const pointListSchema = z.object({ data: z.array(pointSchema) }).meta({ id: 'PointList' });
export type PointList = z.infer<typeof pointListSchema>;

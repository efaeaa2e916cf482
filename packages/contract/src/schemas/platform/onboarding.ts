import { z } from 'zod';
import { isValidCompanyTaxCode, isValidIban, normalizeIban, normalizeTaxCode } from '../../domain/index.js';
import { openingHoursInputSchema, openingHoursSchema } from '../checkout.js';
import { centsSchema, idSchema, isoDateTimeSchema, payableCentsSchema, taxCodeSchema } from '../common.js';

/**
 * The payment institution's onboarding (`/v1/platform/*`, platform staff only, and the CLI): comuni,
 * their shops and terminals, and the money settings that only change with a second person's approval.
 */

/** A comune's fiscal code: 11 digits with the partita IVA check digit (a comune is a public body). */
export const comuneFiscalCodeSchema = z
  .string()
  .transform((value, ctx) => {
    const code = normalizeTaxCode(value);
    if (!/^\d{11}$/.test(code) || !isValidCompanyTaxCode(code)) {
      ctx.addIssue({ code: 'custom', message: 'a comune’s fiscal code is 11 digits with a valid check digit' });
      return z.NEVER;
    }
    return code;
  })
  .describe("The comune's codice fiscale: 11 digits.");

/** An Italian IBAN (27 characters, mod-97 check digits), where the comune's treasury receives its transfers. */
export const treasuryIbanSchema = z
  .string()
  .transform((value, ctx) => {
    const iban = normalizeIban(value);
    if (!isValidIban(iban)) {
      ctx.addIssue({ code: 'custom', message: 'not a valid IBAN: check the digits (mod 97)' });
      return z.NEVER;
    }
    if (!/^IT\d{2}[A-Z]\d{10}[0-9A-Z]{12}$/.test(iban)) {
      ctx.addIssue({ code: 'custom', message: 'the treasury account must be an Italian IBAN (IT, 27 characters)' });
      return z.NEVER;
    }
    return iban;
  })
  .describe("The comune's treasury IBAN: Italian, 27 characters; spaces are ignored.");

export const segregationCodeSchema = z
  .string()
  .regex(/^\d{2}$/, 'the pagoPA segregation code is 2 digits')
  .describe("pagoPA segregation code: the 2 digits after the aux digit 3 in the comune's notice numbers.");

const originSchema = z.url({ protocol: /^https?$/ }).transform((url) => new URL(url).origin).describe('An origin of the comune’s web site: https://www.comune.example.it');

export const supportContactsSchema = z
  .object({
    email: z.email().optional(),
    phone: z.string().regex(/^\+?[\d ]{6,20}$/, 'a phone number: digits, spaces, an optional +').optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .describe('How citizens reach the comune about a payment: shown on receipts and pages.');

const staffPasswordSchema = z.string().min(12, 'at least 12 characters').max(1024);

export const comuneCreateRequestSchema = z
  .object({
    name: z.string().trim().min(2).max(200).describe('As citizens know it: "Comune di Valdimonte".'),
    fiscalCode: comuneFiscalCodeSchema,
    treasuryIban: treasuryIbanSchema,
    segregationCode: segregationCodeSchema,
    allowedOrigins: z.array(originSchema).max(20).default([]).describe("Origins of the comune's site allowed to use its publishable key."),
    supportContacts: supportContactsSchema.default({}),
    admin: z
      .object({ email: z.email().trim().toLowerCase(), name: z.string().trim().min(1).max(200), password: staffPasswordSchema })
      .optional()
      .describe("The comune's first cruscotto admin; more users are added from the cruscotto."),
  })
  .strict()
  .meta({ id: 'ComuneCreateRequest' });
export type ComuneCreateRequest = z.input<typeof comuneCreateRequestSchema>;
export type ComuneCreateInput = z.output<typeof comuneCreateRequestSchema>;

export const platformComuneSchema = z
  .object({
    id: idSchema('com'),
    name: z.string(),
    fiscalCode: z.string(),
    treasuryIban: z.string(),
    treasuryBank: z.string().nullable().describe("The bank of the treasury IBAN, from its ABI code, where known: to catch a mistyped IBAN by eye."),
    segregationCode: z.string(),
    supportContacts: supportContactsSchema,
    agents: z.number().int(),
    services: z.array(z.object({ code: z.string(), name: z.string() })),
    fees: z.array(z.object({ channel: z.enum(['agent', 'web', 'app']), citizenFee: centsSchema, agentShare: centsSchema })),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'PlatformComune' });
export type PlatformComune = z.infer<typeof platformComuneSchema>;

export const platformComuneListSchema = z.object({ data: z.array(platformComuneSchema) }).meta({ id: 'PlatformComuneList' });

export const comuneCreatedSchema = z
  .object({
    comune: platformComuneSchema,
    publishableKey: z.string().describe('The comune’s publishable key for its web site: shown once.'),
    adminUserId: idSchema('usr').nullable(),
  })
  .meta({ id: 'ComuneCreated' });

const agentTaxCodeSchema = taxCodeSchema.describe("The shop's codice fiscale or partita IVA.");

export const agentCreateRequestSchema = z
  .object({
    name: z.string().trim().min(2).max(200).describe('Legal name, as on its licence.'),
    taxCode: agentTaxCodeSchema,
    address: z.string().trim().min(5).max(300),
    openingHours: openingHoursInputSchema.default([]),
    lowBalanceThreshold: centsSchema.default(20_000).describe('Below this float the terminal warns the shopkeeper.'),
  })
  .strict()
  .meta({ id: 'AgentCreateRequest' });
export type AgentCreateInput = z.output<typeof agentCreateRequestSchema>;

export const platformAgentSchema = z
  .object({
    id: idSchema('agt'),
    comuneId: idSchema('com'),
    name: z.string(),
    taxCode: z.string(),
    address: z.string(),
    openingHours: openingHoursSchema,
    lowBalanceThreshold: centsSchema,
    floatBalance: z.number().int().describe('The float, integer cents.'),
    suspended: z.boolean(),
    suspendedAt: isoDateTimeSchema.nullable(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'PlatformAgent' });
export type PlatformAgent = z.infer<typeof platformAgentSchema>;

export const platformAgentListSchema = z.object({ data: z.array(platformAgentSchema) }).meta({ id: 'PlatformAgentList' });

export const topUpRequestSchema = z
  .object({
    amount: payableCentsSchema.describe('What the institution received for the float, integer cents.'),
    reference: z.string().trim().min(3).max(140).describe('The bank transfer it came with (CRO/TRN or the statement line).'),
  })
  .strict()
  .meta({ id: 'TopUpRequest' });

export const floatHistorySchema = z
  .object({
    agentId: idSchema('agt'),
    balance: z.number().int().describe('The float now, integer cents.'),
    movements: z.array(
      z.object({
        at: isoDateTimeSchema,
        kind: z.enum(['payment', 'settlement', 'top_up', 'reversal']),
        referenceId: z.string().nullable().describe('The payment, or the shop for a top-up.'),
        amount: z.number().int().describe('Into the float (a top-up) positive, out of it (a payment) negative, integer cents.'),
      }),
    ),
  })
  .meta({ id: 'FloatHistory' });
export type FloatHistory = z.infer<typeof floatHistorySchema>;

export const agentSuspendRequestSchema = z.object({ reason: z.string().trim().min(3).max(500) }).strict().meta({ id: 'AgentSuspendRequest' });

export const pairingCodeRequestSchema = z.object({ label: z.string().trim().min(1).max(100).default('POS') }).strict().meta({ id: 'PairingCodeRequest' });

export const pairingCodeSchema = z
  .object({
    code: z.string().describe('Twelve characters in groups of four, typed once on the new terminal. One use.'),
    agentId: idSchema('agt'),
    label: z.string(),
    expiresAt: isoDateTimeSchema,
  })
  .meta({ id: 'PairingCode' });
export type PairingCode = z.infer<typeof pairingCodeSchema>;

export const terminalPairRequestSchema = z
  .object({ code: z.string().trim().min(12).max(20).describe('The pairing code, with or without its dashes; case does not matter.') })
  .strict()
  .meta({ id: 'TerminalPairRequest' });

export const pairedTerminalSchema = z
  .object({
    terminalId: idSchema('trm'),
    agentId: idSchema('agt'),
    comuneId: idSchema('com'),
    label: z.string(),
    secretKey: z.string().describe('The terminal’s secret key `sk_...`: store it on the terminal now, it is shown only this once.'),
  })
  .meta({ id: 'PairedTerminal' });
export type PairedTerminal = z.infer<typeof pairedTerminalSchema>;

export const platformTerminalSchema = z
  .object({
    id: idSchema('trm'),
    agentId: idSchema('agt'),
    label: z.string(),
    keyId: idSchema('key').nullable(),
    keyPrefix: z.string().nullable(),
    revoked: z.boolean(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'PlatformTerminal' });
export const platformTerminalListSchema = z.object({ data: z.array(platformTerminalSchema) }).meta({ id: 'PlatformTerminalList' });

/** A change of a comune's money settings: its treasury IBAN, or one channel's fees. */
export const settingChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('treasury_iban'), treasuryIban: treasuryIbanSchema }),
  z.object({ kind: z.literal('fees'), channel: z.enum(['agent', 'web', 'app']), citizenFee: centsSchema, agentShare: centsSchema }),
]);
export type SettingChange = z.output<typeof settingChangeSchema>;

export const settingChangeRequestSchema = z
  .object({
    change: settingChangeSchema,
    effectiveAt: isoDateTimeSchema.describe('When it takes effect, once approved; payments made before keep the settings they were made with.'),
    reason: z.string().trim().min(5).max(500).describe('Why: recorded in the audit log with who asked.'),
  })
  .strict()
  .meta({ id: 'SettingChangeRequest' });
export type SettingChangeRequestInput = z.output<typeof settingChangeRequestSchema>;

/** A change as stored and shown: the IBAN already normalised. */
const settingChangeViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('treasury_iban'), treasuryIban: z.string() }),
  z.object({ kind: z.literal('fees'), channel: z.enum(['agent', 'web', 'app']), citizenFee: centsSchema, agentShare: centsSchema }),
]);

export const settingChangeRecordSchema = z
  .object({
    id: idSchema('chg'),
    comuneId: idSchema('com'),
    change: settingChangeViewSchema,
    effectiveAt: isoDateTimeSchema,
    reason: z.string(),
    status: z.enum(['pending_approval', 'approved', 'applied', 'cancelled']),
    requestedBy: z.string(),
    requestedAt: isoDateTimeSchema,
    approvedBy: z.string().nullable(),
    approvedAt: isoDateTimeSchema.nullable(),
    appliedAt: isoDateTimeSchema.nullable(),
  })
  .meta({ id: 'SettingChange' });
export type SettingChangeRecord = z.infer<typeof settingChangeRecordSchema>;
export const settingChangeListSchema = z.object({ data: z.array(settingChangeRecordSchema) }).meta({ id: 'SettingChangeList' });

export const servicesImportResultSchema = z
  .object({
    services: z.array(z.object({ code: z.string(), status: z.enum(['created', 'unchanged']) })),
    fees: z.array(z.object({ channel: z.enum(['agent', 'web', 'app']), status: z.enum(['set', 'unchanged']) })),
  })
  .meta({ id: 'ServicesImportResult' });
export type ServicesImportResult = z.infer<typeof servicesImportResultSchema>;

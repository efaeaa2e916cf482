import { z } from 'zod';
import { idSchema, isoDateTimeSchema } from '../common.js';

/**
 * A comune's staff, by what they may do: `viewer` reads, `operator` also manages credits,
 * unexpected credits, reconciliation and support, `admin` also users, services, fees and keys.
 * `platform` is the payment institution's own staff, above every comune (onboarding).
 */
export const staffRoleSchema = z.enum(['viewer', 'operator', 'admin', 'platform']).describe('viewer, operator, admin (of one comune) or platform.');
export type StaffRole = z.infer<typeof staffRoleSchema>;

/** The roles of a comune's own staff, from least to most. */
export const comuneStaffRoles = ['viewer', 'operator', 'admin'] as const satisfies readonly StaffRole[];
export type ComuneStaffRole = (typeof comuneStaffRoles)[number];

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('not a valid email address').max(254))
  .describe('Email address; case does not matter.');

export const staffLoginRequestSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, 'the password is missing').max(1024),
  })
  .meta({ id: 'StaffLoginRequest' });
export type StaffLoginRequest = z.input<typeof staffLoginRequestSchema>;

export const staffSessionSchema = z
  .object({
    user: z.object({
      id: idSchema('usr'),
      email: z.string(),
      name: z.string(),
      role: staffRoleSchema,
    }),
    comune: z.object({ id: idSchema('com'), name: z.string() }).nullable().describe('The comune the user works for; null for platform staff.'),
    csrfToken: z.string().describe('Send it back as the X-CSRF-Token header on every request that changes something.'),
    expiresAt: isoDateTimeSchema.describe('When the session ends if it stays idle; each request moves it on, up to 12 hours after login.'),
  })
  .meta({ id: 'StaffSession' });
export type StaffSession = z.infer<typeof staffSessionSchema>;

export const staffUserSchema = z
  .object({
    id: idSchema('usr'),
    email: z.string(),
    name: z.string(),
    role: staffRoleSchema,
    disabled: z.boolean(),
    createdAt: isoDateTimeSchema,
  })
  .meta({ id: 'StaffUser' });
export type StaffUser = z.infer<typeof staffUserSchema>;

export const staffUserListSchema = z.object({ data: z.array(staffUserSchema) }).meta({ id: 'StaffUserList' });

/** At least 12 characters: NIST SP 800-63B's advice is length, not composition rules. */
const newPasswordSchema = z.string().min(12, 'at least 12 characters').max(1024);

export const staffUserCreateRequestSchema = z
  .object({
    email: emailSchema,
    name: z.string().trim().min(1).max(200),
    role: z.enum(comuneStaffRoles),
    password: newPasswordSchema.describe('The first password: tell it to the user by another way.'),
  })
  .meta({ id: 'StaffUserCreateRequest' });

export const staffUserUpdateRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(comuneStaffRoles).optional(),
    disabled: z.boolean().optional().describe('A disabled user cannot log in, and their sessions end at once.'),
    password: newPasswordSchema.optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined), 'change at least one field')
  .meta({ id: 'StaffUserUpdateRequest' });

export const staffActionSchema = z
  .object({
    seq: z.number().int().describe('Position in the append-only log.'),
    at: isoDateTimeSchema,
    actor: z.object({ userId: idSchema('usr').nullable(), email: z.string() }),
    action: z.string().describe('What was done: login, login_failed, credit.cancel, transfer.retry, ...'),
    subjectId: z.string().nullable().describe('What it was done to (a credit, a transfer, a user...).'),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'StaffAction' });
export type StaffAction = z.infer<typeof staffActionSchema>;

/** A page of a list read with a cursor: pass `nextCursor` back as `cursor` for the next page. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.string().nullable().describe('Null on the last page.') });

export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const staffActionPageSchema = pageOf(staffActionSchema).meta({ id: 'StaffActionPage' });

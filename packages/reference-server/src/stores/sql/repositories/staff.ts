import type { LoginFailureRepository, StaffActionRepository, StaffSessionRepository, StaffUserRepository, StaffUserRow } from '@pay-box/engine';
import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import { jsonText, sqlQuery, type SqlExecutor } from '../prepared.js';
import type { Database } from '../schema.js';

const userColumns = (query: SelectQueryBuilder<Database, 'staff_users', object>) =>
  query.select(['id', 'comune_id as comuneId', 'email', 'name', 'password_hash as passwordHash', 'role', 'disabled_at as disabledAt', 'created_at as createdAt']);

const userById = sqlQuery('staff_user_by_id', (db, p: { id: string }) => userColumns(db.selectFrom('staff_users')).where('id', '=', p.id));
const userByEmail = sqlQuery('staff_user_by_email', (db, p: { email: string }) => userColumns(db.selectFrom('staff_users')).where('email', '=', p.email));
const usersOfComune = sqlQuery('staff_users_of_comune', (db, p: { comuneId: string }) => userColumns(db.selectFrom('staff_users')).where('comune_id', '=', p.comuneId).orderBy('email'));
const platformUsers = sqlQuery('platform_staff_users', (db) => userColumns(db.selectFrom('staff_users')).where('comune_id', 'is', null).orderBy('email'));
const insertUser = sqlQuery('insert_staff_user', (db, p: StaffUserRow & { createdAt: string }) =>
  db.insertInto('staff_users').values({
    id: p.id,
    comune_id: p.comuneId,
    email: p.email,
    name: p.name,
    password_hash: p.passwordHash,
    role: p.role,
    created_at: p.createdAt,
    disabled_at: p.disabledAt,
  }),
);
const updateUser = sqlQuery('update_staff_user', (db, p: StaffUserRow) =>
  db.updateTable('staff_users').set({ name: p.name, role: p.role, password_hash: p.passwordHash, disabled_at: p.disabledAt }).where('id', '=', p.id),
);

export function staffUserRepository(exec: SqlExecutor): StaffUserRepository {
  return {
    get: async (id) => exec.first(userById, { id }),
    byEmail: async (email) => exec.first(userByEmail, { email }),
    list: async (comuneId) => (comuneId === null ? exec.all(platformUsers, {}) : exec.all(usersOfComune, { comuneId })),
    insert: async (row, createdAt) => void (await exec.run(insertUser, { ...row, createdAt })),
    update: async (row) => void (await exec.run(updateUser, row)),
  };
}

const sessionById = sqlQuery('staff_session_by_id', (db, p: { id: string }) =>
  db
    .selectFrom('staff_sessions')
    .select(['id', 'user_id as userId', 'csrf_token as csrfToken', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt', 'ended_at as endedAt'])
    .where('id', '=', p.id),
);
const insertSession = sqlQuery(
  'insert_staff_session',
  (db, p: { id: string; userId: string; csrfToken: string; createdAt: string; lastSeenAt: string; expiresAt: string; endedAt: string | null }) =>
    db.insertInto('staff_sessions').values({
      id: p.id,
      user_id: p.userId,
      csrf_token: p.csrfToken,
      created_at: p.createdAt,
      last_seen_at: p.lastSeenAt,
      expires_at: p.expiresAt,
      ended_at: p.endedAt,
    }),
);
const touchSession = sqlQuery('touch_staff_session', (db, p: { id: string; lastSeenAt: string }) => db.updateTable('staff_sessions').set({ last_seen_at: p.lastSeenAt }).where('id', '=', p.id));
const endSession = sqlQuery('end_staff_session', (db, p: { id: string; endedAt: string }) =>
  db.updateTable('staff_sessions').set({ ended_at: p.endedAt }).where('id', '=', p.id).where('ended_at', 'is', null),
);
const endSessionsOfUser = sqlQuery('end_staff_sessions_of_user', (db, p: { userId: string; endedAt: string }) =>
  db.updateTable('staff_sessions').set({ ended_at: p.endedAt }).where('user_id', '=', p.userId).where('ended_at', 'is', null),
);

export function staffSessionRepository(exec: SqlExecutor): StaffSessionRepository {
  return {
    get: async (id) => exec.first(sessionById, { id }),
    insert: async (row) => void (await exec.run(insertSession, row)),
    touch: async (id, lastSeenAt) => void (await exec.run(touchSession, { id, lastSeenAt })),
    end: async (id, endedAt) => void (await exec.run(endSession, { id, endedAt })),
    endAllOfUser: async (userId, endedAt) => void (await exec.run(endSessionsOfUser, { userId, endedAt })),
  };
}

const failuresOf = sqlQuery('login_failures_of_email', (db, p: { email: string }) =>
  db.selectFrom('login_failures').select(['email', 'failures', 'first_failed_at as firstFailedAt', 'locked_until as lockedUntil']).where('email', '=', p.email),
);
const putFailures = sqlQuery('put_login_failures', (db, p: { email: string; failures: number; firstFailedAt: string; lockedUntil: string | null }) =>
  db
    .insertInto('login_failures')
    .values({ email: p.email, failures: p.failures, first_failed_at: p.firstFailedAt, locked_until: p.lockedUntil })
    .onConflict((conflict) =>
      conflict.column('email').doUpdateSet((eb) => ({ failures: eb.ref('excluded.failures'), first_failed_at: eb.ref('excluded.first_failed_at'), locked_until: eb.ref('excluded.locked_until') })),
    ),
);
const clearFailures = sqlQuery('clear_login_failures', (db, p: { email: string }) => db.deleteFrom('login_failures').where('email', '=', p.email));

export function loginFailureRepository(exec: SqlExecutor): LoginFailureRepository {
  return {
    get: async (email) => exec.first(failuresOf, { email }),
    put: async (row) => void (await exec.run(putFailures, row)),
    clear: async (email) => void (await exec.run(clearFailures, { email })),
  };
}

const appendAction = sqlQuery(
  'append_staff_action',
  (db, p: { comuneId: string | null; userId: string | null; actorEmail: string; action: string; subjectId: string | null; detailsJson: string; at: string }) =>
    db.insertInto('staff_actions').values({
      comune_id: p.comuneId,
      user_id: p.userId,
      actor_email: p.actorEmail,
      action: p.action,
      subject_id: p.subjectId,
      details_json: p.detailsJson,
      at: p.at,
    }),
);
const actionColumns = ['seq', 'comune_id as comuneId', 'user_id as userId', 'actor_email as actorEmail', 'action', 'subject_id as subjectId', 'details_json as detailsJson', 'at'] as const;
/** `beforeSeq` is the last page's smallest; a first page passes a number above any. */
const actionsOfComune = sqlQuery('staff_actions_of_comune', (db, p: { comuneId: string; beforeSeq: number; limit: number }) =>
  db.selectFrom('staff_actions').select(actionColumns).where('comune_id', '=', p.comuneId).where('seq', '<', p.beforeSeq).orderBy('seq', 'desc').limit(p.limit),
);
const platformActions = sqlQuery('platform_staff_actions', (db, p: { beforeSeq: number; limit: number }) =>
  db.selectFrom('staff_actions').select(actionColumns).where('comune_id', 'is', null).where('seq', '<', p.beforeSeq).orderBy('seq', 'desc').limit(p.limit),
);

const detailsSchema = z.record(z.string(), z.unknown());

export function staffActionRepository(exec: SqlExecutor): StaffActionRepository {
  return {
    append: async ({ details, ...row }) => void (await exec.run(appendAction, { ...row, detailsJson: jsonText(details) })),
    list: async (comuneId, beforeSeq, limit) => {
      const page = { beforeSeq: beforeSeq ?? Number.MAX_SAFE_INTEGER, limit };
      const rows = await (comuneId === null ? exec.all(platformActions, page) : exec.all(actionsOfComune, { ...page, comuneId }));
      return rows.map(({ detailsJson, ...row }) => ({ ...row, seq: Number(row.seq), details: detailsSchema.parse(JSON.parse(detailsJson)) }));
    },
  };
}

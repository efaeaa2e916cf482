import type { Engine } from '@pay-box/engine';
import type { Hono } from 'hono';
import { operations } from '../../../openapi/operations.js';
import type { AppEnv } from '../../env.js';
import { mountOperation } from '../../mount-operation.js';
import { clearSessionCookie, setSessionCookie } from '../../staff-session.js';

/** Twelve hours: the browser forgets the cookie when the session would end anyway. */
const COOKIE_MAX_AGE_SECONDS = 12 * 60 * 60;

export function staffRoutes(app: Hono<AppEnv>, engine: Engine): void {
  mountOperation(app, operations.createStaffSession, async ({ body }, c) => {
    const { token, session } = await engine.staff.logIn(body);
    setSessionCookie(c, token, engine.settings.publicUrl, COOKIE_MAX_AGE_SECONDS);
    return c.json(session, 201);
  });
  mountOperation(app, operations.getStaffSession, async ({ principal }, c) => c.json(await engine.staff.session(principal)));
  mountOperation(app, operations.deleteStaffSession, async ({ principal }, c) => {
    await engine.staff.logOut(principal);
    clearSessionCookie(c);
    return c.body(null, 204);
  });
  mountOperation(app, operations.listStaffUsers, async ({ principal }, c) => c.json({ data: await engine.staff.users.list(principal) }));
  mountOperation(app, operations.createStaffUser, async ({ principal, body }, c) => c.json(await engine.staff.users.create(principal, body), 201));
  mountOperation(app, operations.updateStaffUser, async ({ principal, params, body }, c) => c.json(await engine.staff.users.update(principal, params.id, body)));
  mountOperation(app, operations.listStaffActions, async ({ principal, query }, c) => c.json(await engine.staff.actions.list(principal, query)));
}


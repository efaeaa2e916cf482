import type { Principal, StaffPrincipal } from '@pay-box/engine';

/** Hono's typed context variables, set by the middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    /** Who calls with an API key. */
    principal: Principal;
    /** Who calls with a staff session cookie: never set together with `principal` on a staff route. */
    staff: StaffPrincipal;
  };
}

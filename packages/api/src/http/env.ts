import type { Principal } from '@pay-box/engine';

/** Hono's typed context variables, set by the middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}

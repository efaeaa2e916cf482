import type { Principal } from '../services/principal.js';

/** Hono's typed context variables, set by the middleware. */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
  };
}

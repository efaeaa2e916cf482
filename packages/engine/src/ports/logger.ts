/** Where the engine says what happened; the server writes JSON lines. Never pass request bodies: they carry tax codes. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const quiet = () => {};
export const silentLogger: Logger = { debug: quiet, info: quiet, warn: quiet, error: quiet };

/** Outcome of parsing user input: either the value or a stable reason with a message to show. */
export type Parsed<T, Reason extends string = string> =
  | { ok: true; value: T }
  | { ok: false; reason: Reason; message: string };

export const parsed = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const rejected = <Reason extends string>(reason: Reason, message: string): { ok: false; reason: Reason; message: string } => ({
  ok: false,
  reason,
  message,
});

import type { FieldIssue } from '@pay-box/contract';
import type { LocalizedMessages } from './errors.js';

/** What to do when a write's outcome is unknown: ask again with the same key. */
function retryHint(idempotencyKey: string | null): LocalizedMessages {
  return idempotencyKey === null
    ? { en: '', it: '' }
    : {
        en: ` The outcome is unknown: call again with idempotencyKey "${idempotencyKey}" to get it; it cannot be paid twice.`,
        it: ` L'esito non è noto: richiama con idempotencyKey "${idempotencyKey}" per conoscerlo; non può essere pagato due volte.`,
      };
}

export function networkErrorMessages(baseUrl: string, idempotencyKey: string | null): LocalizedMessages {
  const hint = retryHint(idempotencyKey);
  return {
    en: `Could not reach Pay-Box at ${baseUrl}: check the connection and baseUrl.${hint.en}`,
    it: `Pay-Box non raggiungibile a ${baseUrl}: controlla la connessione e baseUrl.${hint.it}`,
  };
}

export function timeoutMessages(timeoutMs: number, idempotencyKey: string | null): LocalizedMessages {
  const hint = retryHint(idempotencyKey);
  return {
    en: `Pay-Box did not answer within ${timeoutMs} ms.${hint.en}`,
    it: `Pay-Box non ha risposto entro ${timeoutMs} ms.${hint.it}`,
  };
}

export function invalidResponseMessages(what: string): LocalizedMessages {
  return {
    en: `The server's answer is not a Pay-Box API response (${what}): check that baseUrl points at a Pay-Box server of a compatible version.`,
    it: `La risposta del server non è dell'API Pay-Box (${what}): controlla che baseUrl indichi un server Pay-Box di versione compatibile.`,
  };
}

export function invalidArgumentMessages(issues: FieldIssue[]): LocalizedMessages {
  const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return { en: `Invalid argument, nothing was sent. ${list}`, it: `Argomento non valido, nulla è stato inviato. ${list}` };
}

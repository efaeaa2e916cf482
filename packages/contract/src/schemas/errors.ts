import { z } from 'zod';

/**
 * Every error a caller can meet, with its HTTP status and a message in English and Italian.
 * The codes are stable: clients switch on them, so a code is never renamed or reused.
 */
export const errorCatalog = {
  validation_failed: {
    status: 400,
    en: 'The request is not valid: see details for the fields to correct.',
    it: 'La richiesta non è valida: vedi i dettagli per i campi da correggere.',
  },
  idempotency_key_missing: {
    status: 400,
    en: 'This request changes state: send an Idempotency-Key header (a fresh UUID per operation).',
    it: 'Questa richiesta modifica dati: invia un header Idempotency-Key (un UUID nuovo per operazione).',
  },
  unauthorized: {
    status: 401,
    en: 'Missing or invalid API key: send "Authorization: Bearer <key>".',
    it: 'Chiave API mancante o non valida: invia "Authorization: Bearer <chiave>".',
  },
  forbidden: {
    status: 403,
    en: 'This key may not perform this operation.',
    it: 'Questa chiave non può eseguire questa operazione.',
  },
  session_required: {
    status: 401,
    en: 'Log in to the cruscotto first: this needs a staff session, and yours is missing or has ended.',
    it: 'Accedi prima al cruscotto: serve una sessione del personale, e la tua manca o è scaduta.',
  },
  login_failed: {
    status: 401,
    en: 'Wrong email or password.',
    it: 'Email o password errata.',
  },
  login_locked: {
    status: 429,
    en: 'Too many failed logins for this email: wait for the time in Retry-After, then try again.',
    it: 'Troppi accessi falliti per questa email: attendi il tempo indicato in Retry-After e riprova.',
  },
  csrf_failed: {
    status: 403,
    en: 'This request did not come from the cruscotto (missing or wrong X-CSRF-Token, or another origin): reload the page and retry.',
    it: 'Questa richiesta non viene dal cruscotto (X-CSRF-Token mancante o errato, o altra origine): ricarica la pagina e riprova.',
  },
  role_forbidden: {
    status: 403,
    en: 'Your role does not allow this: ask an administrator of your comune.',
    it: 'Il tuo ruolo non lo consente: chiedi a un amministratore del tuo comune.',
  },
  staff_user_not_found: {
    status: 404,
    en: 'No user with this id in your comune.',
    it: 'Nessun utente con questo id nel tuo comune.',
  },
  statement_not_found: {
    status: 404,
    en: 'No statement with this id in your comune.',
    it: 'Nessun estratto con questo id nel tuo comune.',
  },
  statement_not_recognized: {
    status: 422,
    en: "This file is not a treasurer's statement Pay-Box reads: upload an OPI giornale di cassa, an ISO 20022 camt.053 or the documented CSV layout. Nothing was imported.",
    it: 'Questo file non è un estratto del tesoriere che Pay-Box legge: carica un giornale di cassa OPI, un camt.053 ISO 20022 o il CSV nel formato documentato. Nulla è stato importato.',
  },
  statement_entries_invalid: {
    status: 422,
    en: 'Some entries of the statement are invalid: see details for each line and reason. Nothing was imported.',
    it: 'Alcuni movimenti dell’estratto non sono validi: vedi i dettagli per riga e motivo. Nulla è stato importato.',
  },
  statement_wrong_account: {
    status: 422,
    en: "This statement is of another body or account than your comune's treasury. Nothing was imported.",
    it: 'Questo estratto è di un altro ente o conto, non della tesoreria del tuo comune. Nulla è stato importato.',
  },
  transfer_not_found: {
    status: 404,
    en: 'No transfer with this id in your comune.',
    it: 'Nessun bonifico con questo id nel tuo comune.',
  },
  transfer_not_rejected: {
    status: 409,
    en: 'Only a rejected transfer not yet resolved can be sent again or resolved by hand: this one is not.',
    it: 'Solo un bonifico respinto e non ancora risolto può essere reinviato o risolto a mano: questo no.',
  },
  staff_email_taken: {
    status: 409,
    en: 'A user with this email already exists.',
    it: 'Esiste già un utente con questa email.',
  },
  webhook_endpoint_not_found: {
    status: 404,
    en: 'No webhook endpoint with this id in your comune.',
    it: 'Nessun endpoint webhook con questo id nel tuo comune.',
  },
  webhook_delivery_not_found: {
    status: 404,
    en: 'No webhook delivery with this id in your comune.',
    it: 'Nessuna consegna webhook con questo id nel tuo comune.',
  },
  webhook_url_not_https: {
    status: 422,
    en: 'A webhook or connector URL must start with https://.',
    it: 'L’URL di un webhook o di un connettore deve iniziare con https://.',
  },
  webhook_url_private: {
    status: 422,
    en: 'This URL resolves to a loopback, private, link-local or unique-local address: Pay-Box calls webhooks and connectors only at public addresses.',
    it: 'Questo URL porta a un indirizzo di loopback, privato, link-local o unique-local: Pay-Box chiama webhook e connettori solo a indirizzi pubblici.',
  },
  webhook_url_unresolvable: {
    status: 422,
    en: 'The host of this URL does not resolve to any address: check its spelling and DNS.',
    it: 'L’host di questo URL non corrisponde ad alcun indirizzo: controlla come è scritto e il DNS.',
  },
  connector_not_found: {
    status: 404,
    en: 'No connector with this id in your comune.',
    it: 'Nessun connettore con questo id nel tuo comune.',
  },
  dead_letter_not_found: {
    status: 404,
    en: 'No failed write-back or webhook delivery with this id in your comune.',
    it: 'Nessun aggiornamento o consegna webhook fallita con questo id nel tuo comune.',
  },
  credit_managed_by_source: {
    status: 409,
    en: 'This credit lives in the comune’s own system (a connector): change it there, Pay-Box reads it from there.',
    it: 'Questo credito è gestito dal sistema del comune (un connettore): modificalo lì, Pay-Box lo legge da lì.',
  },
  credit_not_found: {
    status: 404,
    en: 'No credit matches: check the notice number or the tax code.',
    it: 'Nessun credito corrisponde: controlla il codice avviso o il codice fiscale.',
  },
  payment_not_found: {
    status: 404,
    en: 'No payment with this id is visible to this key.',
    it: 'Nessun pagamento con questo id è visibile a questa chiave.',
  },
  receipt_not_found: {
    status: 404,
    en: 'No receipt matches: check the id or the verification code.',
    it: 'Nessuna ricevuta corrisponde: controlla l’id o il codice di verifica.',
  },
  checkout_session_not_found: {
    status: 404,
    en: 'No checkout session with this id is visible to this key: start the payment again.',
    it: 'Nessuna sessione di pagamento con questo id è visibile a questa chiave: ricomincia il pagamento.',
  },
  service_not_found: {
    status: 404,
    en: 'This comune has no service with this code.',
    it: 'Il comune non ha un servizio con questo codice.',
  },
  not_found: {
    status: 404,
    en: 'There is nothing at this address.',
    it: 'Non c’è nulla a questo indirizzo.',
  },
  credit_not_open: {
    status: 409,
    en: 'This credit is no longer open (paid, cancelled or expired): it cannot be changed or cancelled.',
    it: 'Questo credito non è più aperto (pagato, annullato o scaduto): non si può modificare né annullare.',
  },
  credit_import_unreadable: {
    status: 422,
    en: 'This file is not a CSV of credits in the documented layout (a header row with the documented columns): see details. Nothing was imported.',
    it: 'Questo file non è un CSV di crediti nel formato documentato (una riga di intestazione con le colonne documentate): vedi i dettagli. Nulla è stato importato.',
  },
  unexpected_credit_already_registered: {
    status: 409,
    en: 'This unexpected credit is already registered with another accertamento or budget chapter. Nothing in this request was registered.',
    it: 'Questo credito non atteso è già registrato con un altro accertamento o capitolo. Nulla di questa richiesta è stato registrato.',
  },
  credit_already_paid: {
    status: 409,
    en: 'This credit has already been paid: do not collect money again.',
    it: 'Questo credito è già stato pagato: non incassare di nuovo.',
  },
  credit_not_payable: {
    status: 409,
    en: 'This credit can no longer be paid (cancelled or expired): the citizen should contact the comune.',
    it: 'Questo credito non è più pagabile (annullato o scaduto): il cittadino contatti il comune.',
  },
  request_in_progress: {
    status: 409,
    en: 'A request with this Idempotency-Key is still running: retry in a moment with the same key.',
    it: 'Una richiesta con questa Idempotency-Key è ancora in corso: riprova tra poco con la stessa chiave.',
  },
  insufficient_float: {
    status: 402,
    en: "The shop's float does not cover this payment: top up the float, then retry.",
    it: 'Il conto del negoziante non copre questo pagamento: ricarica il conto e riprova.',
  },
  amount_mismatch: {
    status: 422,
    en: 'The amount differs from the amount due: read the credit again and pay exactly what it says.',
    it: 'L’importo è diverso da quello dovuto: rileggi il credito e paga esattamente l’importo indicato.',
  },
  amount_out_of_bounds: {
    status: 422,
    en: "The amount does not follow the service's amount rule: see details for the expected amount or range.",
    it: 'L’importo non rispetta la regola del servizio: vedi i dettagli per l’importo o l’intervallo atteso.',
  },
  unexpected_credits_not_accepted: {
    status: 422,
    en: 'This service does not accept unexpected credits: look the credit up instead.',
    it: 'Questo servizio non accetta crediti non attesi: cerca invece il credito.',
  },
  idempotency_key_reused: {
    status: 422,
    en: 'This Idempotency-Key was used with a different request body: use a new key for a new operation.',
    it: 'Questa Idempotency-Key è già stata usata con un corpo diverso: usa una chiave nuova per una nuova operazione.',
  },
  payload_too_large: {
    status: 413,
    en: 'The request body is too large.',
    it: 'Il corpo della richiesta è troppo grande.',
  },
  unsupported_media_type: {
    status: 415,
    en: 'Send the body as JSON with "Content-Type: application/json".',
    it: 'Invia il corpo in JSON con "Content-Type: application/json".',
  },
  rate_limited: {
    status: 429,
    en: 'Too many requests: wait for the time in Retry-After, then retry.',
    it: 'Troppe richieste: attendi il tempo indicato in Retry-After e riprova.',
  },
  internal_error: {
    status: 500,
    en: 'Something went wrong on our side; nothing was charged twice. Retry with the same Idempotency-Key, and quote the request id if it persists.',
    it: 'Errore interno; nulla è stato addebitato due volte. Riprova con la stessa Idempotency-Key e comunica il request id se persiste.',
  },
  agent_suspended: {
    status: 403,
    en: 'This shop is suspended: its terminals cannot collect. The shopkeeper should contact the payment institution.',
    it: 'Questo negozio è sospeso: i suoi terminali non possono incassare. Il negoziante contatti l’istituto di pagamento.',
  },
  publishable_key_not_found: {
    status: 404,
    en: 'No publishable key with this id in your comune.',
    it: 'Nessuna chiave pubblicabile con questo id nel tuo comune.',
  },
  comune_not_found: {
    status: 404,
    en: 'No comune with this id.',
    it: 'Nessun comune con questo id.',
  },
  agent_not_found: {
    status: 404,
    en: 'No shop with this id.',
    it: 'Nessun negozio con questo id.',
  },
  terminal_not_found: {
    status: 404,
    en: 'No terminal with this id.',
    it: 'Nessun terminale con questo id.',
  },
  pairing_code_invalid: {
    status: 400,
    en: 'This pairing code is wrong, expired or already used: ask the shop or the payment institution for a new one.',
    it: 'Questo codice di abbinamento è errato, scaduto o già usato: chiedine uno nuovo al negozio o all’istituto di pagamento.',
  },
  comune_exists: {
    status: 409,
    en: 'A comune with this fiscal code or segregation code already exists.',
    it: 'Esiste già un comune con questo codice fiscale o codice di segregazione.',
  },
  services_file_invalid: {
    status: 422,
    en: 'The services file is not valid: see details for each line to correct. Nothing was imported.',
    it: 'Il file dei servizi non è valido: vedi i dettagli per ogni riga da correggere. Non è stato importato nulla.',
  },
  setting_change_not_found: {
    status: 404,
    en: 'No settings change with this id.',
    it: 'Nessuna modifica delle impostazioni con questo id.',
  },
  setting_change_not_pending: {
    status: 409,
    en: 'This change is not waiting for approval any more (approved, applied or cancelled).',
    it: 'Questa modifica non è più in attesa di approvazione (approvata, applicata o annullata).',
  },
  second_approver_required: {
    status: 403,
    en: 'A money setting needs a second person: another platform user must approve this change.',
    it: 'Un’impostazione economica richiede una seconda persona: un altro utente della piattaforma deve approvare la modifica.',
  },
  source_unavailable: {
    status: 503,
    en: 'The comune’s credit system did not answer in time or answered badly: nothing was paid. Retry shortly.',
    it: 'Il sistema dei crediti del comune non ha risposto in tempo o ha risposto male: nulla è stato pagato. Riprova tra poco.',
  },
  service_unavailable: {
    status: 503,
    en: 'The server is shutting down or overloaded: retry shortly.',
    it: 'Il server è in arresto o sovraccarico: riprova tra poco.',
  },
} as const satisfies Record<string, { status: number; en: string; it: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export const errorCodes = Object.keys(errorCatalog) as ErrorCode[];

export const errorCodeSchema = z.enum(errorCodes as [ErrorCode, ...ErrorCode[]]);

/** A field that failed validation: `path` as dotted segments (`fields.squareMeters`). */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});

export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const errorBodySchema = z
  .object({
    error: z.object({
      code: errorCodeSchema,
      message: z.string().describe('English message that says what to do next.'),
      messageIt: z.string().describe('The same message in Italian.'),
      details: z.union([z.array(fieldIssueSchema), z.record(z.string(), z.unknown())]).optional(),
      requestId: z.string().describe('Quote it when asking for support; it is in the server log too.'),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/**
 * pagoPA's GPD debt-positions service, faithful enough to test the GPD connector against, on a
 * free local port. From the public OpenAPI (v1 1.1.37; v3 for the reads with the debtor) and the
 * service's known behaviour: APIM's subscription-key check (401) and organization check (403),
 * ProblemJson errors, DRAFT -> publish -> PUBLISHED/VALID, invalidate, expiry of
 * `switchToExpired` positions, pagination, and setPaymentOptionAsAlreadyPaid (409 the second time).
 * Time is the fake's own clock, which tests may move forward (`advanceTime`).
 */

export type GpdFault = 'none' | 'down' | 'slow' | 'garbage';
type PositionStatus = 'DRAFT' | 'PUBLISHED' | 'VALID' | 'INVALID' | 'EXPIRED' | 'PARTIALLY_PAID' | 'PAID' | 'REPORTED';
type OptionStatus = 'PO_UNPAID' | 'PO_PAID' | 'PO_PARTIALLY_REPORTED' | 'PO_REPORTED';

const dateTime = z.iso.datetime({ local: true, offset: true });
const text140 = z.string().max(140);
const metadata = z.array(z.object({ key: text140, value: text140 })).max(10);

/** `PaymentPositionModel` as the create operation validates it (read-only fields are ignored). */
const transferSchema = z.object({
  idTransfer: z.enum(['1', '2', '3', '4', '5']),
  amount: z.number().int().min(1),
  organizationFiscalCode: z.string().optional(),
  remittanceInformation: text140,
  category: z.string(),
  iban: z.string().regex(/^[A-Za-z0-9]{1,35}$/).optional(),
  postalIban: z.string().regex(/^$|^[A-Za-z0-9]{1,35}$/).optional(),
  stamp: z.object({ hashDocument: z.string().max(72), stampType: z.string().length(2), provincialResidence: z.string().regex(/^[A-Z]{2}$/) }).optional(),
  companyName: text140.optional(),
  transferMetadata: metadata.optional(),
});
const paymentOptionSchema = z.object({
  nav: z.string().regex(/^\d{18}$/).optional(),
  iuv: z.string().regex(/^\d{17}$/),
  amount: z.number().int().min(1),
  description: text140,
  isPartialPayment: z.boolean(),
  dueDate: dateTime,
  retentionDate: dateTime.optional(),
  transfer: z.array(transferSchema).min(1).max(5),
  paymentOptionMetadata: metadata.optional(),
});
export const gpdPositionInputSchema = z.object({
  iupd: z.string().regex(/^[\w*\s-]+$/),
  type: z.enum(['F', 'G']),
  payStandIn: z.boolean().optional(),
  fiscalCode: z.string().min(1),
  fullName: z.string().min(1),
  streetName: z.string().optional(),
  civicNumber: z.string().optional(),
  postalCode: z.string().optional(),
  city: z.string().optional(),
  province: z.string().optional(),
  region: z.string().optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  switchToExpired: z.boolean(),
  companyName: text140,
  officeName: text140.optional(),
  validityDate: dateTime.optional(),
  paymentOption: z.array(paymentOptionSchema).min(1),
});
export type GpdPositionInput = z.input<typeof gpdPositionInputSchema>;

const alreadyPaidSchema = z.object({ paymentDate: dateTime.optional() });

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  page: z.coerce.number().int().min(0).default(0),
  due_date_from: z.iso.date().optional(),
  due_date_to: z.iso.date().optional(),
  payment_date_from: z.iso.date().optional(),
  payment_date_to: z.iso.date().optional(),
  status: z.string().optional(),
  orderby: z.enum(['INSERTED_DATE', 'IUPD', 'STATUS', 'COMPANY_NAME']).default('INSERTED_DATE'),
  ordering: z.enum(['ASC', 'DESC']).default('DESC'),
});

interface StoredOption {
  nav: string;
  iuv: string;
  amount: number;
  description: string;
  isPartialPayment: boolean;
  dueDate: number;
  retentionDate: number | null;
  transfer: z.infer<typeof transferSchema>[];
  status: OptionStatus;
  paymentDate: number | null;
  insertedDate: number;
  lastUpdatedDate: number;
}

export interface StoredPosition {
  iupd: string;
  type: 'F' | 'G';
  fiscalCode: string;
  fullName: string;
  companyName: string;
  officeName: string | null;
  switchToExpired: boolean;
  validityDate: number | null;
  status: PositionStatus;
  insertedDate: number;
  publishDate: number | null;
  paymentDate: number | null;
  lastUpdatedDate: number;
  options: StoredOption[];
}

class GpdProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const DAY_MS = 86_400_000;
/** A Java `LocalDateTime` as GPD writes it: no zone (the fake's clock is UTC). */
const localDateTime = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 19));
const instant = (value: string) => Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);

export interface GpdFakeOptions {
  subscriptionKey: string;
  organizationFiscalCode: string;
  /** How long a 'slow' answer takes; beyond any connector's time-out by default. */
  slowMs?: number;
}

export async function startGpdFake(options: GpdFakeOptions) {
  const positions = new Map<string, StoredPosition>();
  const requests: { method: string; path: string }[] = [];
  let fault: GpdFault = 'none';
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;

  /** What GPD's schedulers would have done by now: validity reached, `switchToExpired` positions past their due date. */
  function settle(position: StoredPosition): StoredPosition {
    const at = now();
    if (position.status === 'PUBLISHED' && position.validityDate !== null && position.validityDate <= at) {
      position.status = 'VALID';
      position.lastUpdatedDate = at;
    }
    if (position.status === 'VALID' && position.switchToExpired && Math.max(...position.options.map((option) => option.dueDate)) < at) {
      position.status = 'EXPIRED';
      position.lastUpdatedDate = at;
    }
    return position;
  }

  function positionOrThrow(iupd: string): StoredPosition {
    const position = positions.get(iupd);
    if (!position) throw new GpdProblem(404, 'Not found the debt position', `Not found a debt position for Organization Fiscal Code ${options.organizationFiscalCode} and IUPD ${iupd}`);
    return settle(position);
  }

  function publish(position: StoredPosition) {
    const at = now();
    const notPublishable = `A payment transaction has already been carried out or, the debt position with Organization Fiscal Code ${options.organizationFiscalCode} and IUPD ${position.iupd}, is not in publishable state`;
    if (position.status !== 'DRAFT') throw new GpdProblem(409, 'Existing related payment found or not in publishable state', notPublishable);
    if (position.validityDate !== null && position.validityDate < at) {
      throw new GpdProblem(409, 'Publish request occurred after the validity date began', `A publish request has been made after the validity date began for the debt position with Organization Fiscal Code ${options.organizationFiscalCode} and IUPD ${position.iupd}`);
    }
    if (position.options.some((option) => option.dueDate < at)) {
      throw new GpdProblem(409, 'Publish request occurred after the due date of a payment options has expired', `A publish request occurred after the due date of a payment options has expired for the debt position with Organization Fiscal Code ${options.organizationFiscalCode} and IUPD ${position.iupd}`);
    }
    // Without a validity date the position is valid (payable) at once.
    position.validityDate ??= at;
    position.status = position.validityDate <= at ? 'VALID' : 'PUBLISHED';
    position.publishDate = at;
    position.lastUpdatedDate = at;
  }

  function create(input: z.infer<typeof gpdPositionInputSchema>, toPublish: boolean): StoredPosition {
    const at = now();
    const validityDate = input.validityDate === undefined ? null : instant(input.validityDate);
    if (validityDate !== null && validityDate < at) {
      throw new GpdProblem(400, 'Bad Request', `Dates congruence error: validity_date must be >= current_date [validity_date=${input.validityDate}; current_date=${localDateTime(at)}] `);
    }
    for (const option of input.paymentOption) {
      const total = option.transfer.reduce((sum, transfer) => sum + transfer.amount, 0);
      if (total !== option.amount) {
        throw new GpdProblem(400, 'Bad Request', `Amounts congruence error: payment option amount must coincide with the total of the transfers amount [payment_option_amount(in cent)=${option.amount}; total_tranfers_amount(in cent)=${total}]`);
      }
      if (instant(option.dueDate) < (validityDate ?? at)) {
        throw new GpdProblem(400, 'Bad Request', `Dates congruence error: due_date must be >= validity_date (or current_date) [due_date=${option.dueDate}]`);
      }
      for (const transfer of option.transfer) {
        if (Boolean(transfer.iban) === Boolean(transfer.stamp)) {
          throw new GpdProblem(400, 'Bad Request', `The Iban may be present (optionally combined with the Postal Iban) or the Stamp. Not all at the same time [iuv=${option.iuv}, transaction id=${transfer.idTransfer}].`);
        }
      }
    }
    const taken = new Set([...positions.values()].flatMap((position) => position.options.flatMap((option) => [option.iuv, option.nav])));
    const navs = input.paymentOption.map((option) => option.nav ?? `3${option.iuv}`);
    if (positions.has(input.iupd) || input.paymentOption.some((option, i) => taken.has(option.iuv) || taken.has(navs[i] ?? ''))) {
      throw new GpdProblem(409, 'The debt position violated constraints of uniqueness', `Already exists a debt position for the Organization Fiscal Code ${options.organizationFiscalCode} or one of its payment options is not unique`);
    }
    const position: StoredPosition = {
      iupd: input.iupd,
      type: input.type,
      fiscalCode: input.fiscalCode,
      fullName: input.fullName,
      companyName: input.companyName,
      officeName: input.officeName ?? null,
      switchToExpired: input.switchToExpired,
      validityDate,
      status: 'DRAFT',
      insertedDate: at,
      publishDate: null,
      paymentDate: null,
      lastUpdatedDate: at,
      options: input.paymentOption.map((option, i) => ({
        // GPD makes the NAV from the IUV with aux digit 3 when none is given.
        nav: navs[i] ?? `3${option.iuv}`,
        iuv: option.iuv,
        amount: option.amount,
        description: option.description,
        isPartialPayment: option.isPartialPayment,
        dueDate: instant(option.dueDate),
        retentionDate: option.retentionDate === undefined ? null : instant(option.retentionDate),
        transfer: option.transfer,
        status: 'PO_UNPAID',
        paymentDate: null,
        insertedDate: at,
        lastUpdatedDate: at,
      })),
    };
    if (toPublish) publish(position);
    positions.set(position.iupd, position);
    return position;
  }

  function invalidate(position: StoredPosition) {
    if (['DRAFT', 'INVALID', 'EXPIRED', 'PARTIALLY_PAID', 'PAID', 'REPORTED'].includes(position.status)) {
      throw new GpdProblem(409, 'Existing related payment found or not in invalidable state', `A payment transaction has already been carried out or, the debt position with Organization Fiscal Code ${options.organizationFiscalCode} and IUPD ${position.iupd}, is not in invalidable state`);
    }
    position.status = 'INVALID';
    position.lastUpdatedDate = now();
  }

  /** setPaymentOptionAsAlreadyPaid, with GPD's checks in GPD's order. */
  function markPaid(nav: string, paymentDate: string | undefined): StoredOption {
    const position = [...positions.values()].find((candidate) => candidate.options.some((option) => option.nav === nav || option.iuv === nav));
    const option = position?.options.find((candidate) => candidate.nav === nav || candidate.iuv === nav);
    if (!position || !option) throw new GpdProblem(404, 'Not found the payment option', `Not found a payment option for Organization Fiscal Code ${options.organizationFiscalCode} and NAV ${nav}`);
    settle(position);
    const alreadyPaid = new GpdProblem(409, 'Existing related payment found', `A payment transaction has already been carried out for the Organization Fiscal Code ${options.organizationFiscalCode} and NAV ${nav}`);
    if (position.status === 'PAID' || position.status === 'REPORTED') throw alreadyPaid;
    if (position.options.some((candidate) => candidate.status !== 'PO_UNPAID' && !candidate.isPartialPayment)) throw alreadyPaid;
    if (option.status !== 'PO_UNPAID') throw alreadyPaid;
    if (position.status !== 'VALID' && position.status !== 'PARTIALLY_PAID') {
      throw new GpdProblem(422, 'Not in payable state', `The payment option with Organization Fiscal Code ${options.organizationFiscalCode} and NAV ${nav} is not in payable state`);
    }
    const at = now();
    option.status = 'PO_PAID';
    option.paymentDate = paymentDate === undefined ? at : instant(paymentDate);
    option.lastUpdatedDate = at;
    // A single payment settles the position; instalments settle it when the last one is paid.
    const settled = !option.isPartialPayment || position.options.filter((candidate) => candidate.isPartialPayment).every((candidate) => candidate.status !== 'PO_UNPAID');
    position.status = settled ? 'PAID' : 'PARTIALLY_PAID';
    if (settled) position.paymentDate = option.paymentDate;
    position.lastUpdatedDate = at;
    return option;
  }

  const optionV1 = (option: StoredOption) => ({
    nav: option.nav,
    iuv: option.iuv,
    organizationFiscalCode: options.organizationFiscalCode,
    amount: option.amount,
    description: option.description,
    isPartialPayment: option.isPartialPayment,
    dueDate: localDateTime(option.dueDate),
    retentionDate: localDateTime(option.retentionDate),
    paymentDate: localDateTime(option.paymentDate),
    insertedDate: localDateTime(option.insertedDate),
    fee: 0,
    notificationFee: 0,
    status: option.status,
    lastUpdatedDate: localDateTime(option.lastUpdatedDate),
    paymentOptionMetadata: [],
    transfer: option.transfer.map((transfer) => ({ ...transfer, organizationFiscalCode: transfer.organizationFiscalCode ?? options.organizationFiscalCode, status: 'T_UNREPORTED' })),
  });

  const positionHeader = (position: StoredPosition) => ({
    iupd: position.iupd,
    organizationFiscalCode: options.organizationFiscalCode,
    companyName: position.companyName,
    officeName: position.officeName,
    insertedDate: localDateTime(position.insertedDate),
    publishDate: localDateTime(position.publishDate),
    paymentDate: localDateTime(position.paymentDate),
    lastUpdatedDate: localDateTime(position.lastUpdatedDate),
  });

  /** v1 `PaymentPositionModelBaseResponse`: no debtor but its type. */
  const positionV1 = (position: StoredPosition) => ({
    ...positionHeader(position),
    type: position.type,
    validityDate: localDateTime(position.validityDate),
    status: position.status,
    paymentOption: position.options.map(optionV1),
  });

  /** v1 `PaymentPositionModel`: what create, publish and invalidate answer. */
  const positionModelV1 = (position: StoredPosition) => ({
    iupd: position.iupd,
    type: position.type,
    fiscalCode: position.fiscalCode,
    fullName: position.fullName,
    switchToExpired: position.switchToExpired,
    companyName: position.companyName,
    officeName: position.officeName,
    validityDate: localDateTime(position.validityDate),
    paymentDate: localDateTime(position.paymentDate),
    status: position.status,
    paymentOption: position.options.map((option) => ({ ...optionV1(option), transfer: option.transfer })),
  });

  const statusV3 = (status: PositionStatus) => (status === 'INVALID' || status === 'EXPIRED' ? 'UNPAYABLE' : status === 'REPORTED' ? 'PAID' : status);
  const installmentStatus = (position: StoredPosition, option: StoredOption) => {
    if (option.status !== 'PO_UNPAID') return option.status.slice(3);
    return position.status === 'INVALID' ? 'UNPAYABLE' : position.status === 'EXPIRED' ? 'EXPIRED' : 'UNPAID';
  };

  /** v3 `PaymentPositionModelResponseV3`: each single payment its own option, the instalments one plan, the debtor on each. */
  const positionV3 = (position: StoredPosition) => {
    const plans = [...position.options.filter((option) => !option.isPartialPayment).map((option) => [option]), position.options.filter((option) => option.isPartialPayment)];
    return {
      ...positionHeader(position),
      status: statusV3(position.status),
      paymentOption: plans
        .filter((plan) => plan.length > 0)
        .map((plan) => ({
          switchToExpired: position.switchToExpired,
          retentionDate: localDateTime(plan[0]?.retentionDate ?? null),
          insertedDate: localDateTime(position.insertedDate),
          validityDate: localDateTime(position.validityDate),
          debtor: { type: position.type, fiscalCode: position.fiscalCode, fullName: position.fullName },
          installments: plan.map((option) => {
            const { isPartialPayment: _partial, retentionDate: _retention, insertedDate: _inserted, paymentOptionMetadata: _metadata, ...installment } = optionV1(option);
            return { ...installment, status: installmentStatus(position, option), installmentMetadata: [] };
          }),
        })),
    };
  };

  function list(query: URLSearchParams, version: 'v1' | 'v3') {
    const parsed = listQuerySchema.safeParse(Object.fromEntries(query));
    if (!parsed.success) throw new GpdProblem(400, 'Bad Request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', '));
    const filter = parsed.data;
    const dueFilter = filter.due_date_from ?? filter.due_date_to;
    const paymentFilter = filter.payment_date_from ?? filter.payment_date_to;
    if (dueFilter && paymentFilter) throw new GpdProblem(400, 'Bad Request', 'The due dates interval is mutually exclusive with the payment dates interval');
    // One bound alone: the other is 30 days away (the OpenAPI's rule).
    const window = (from?: string, to?: string) => {
      const start = from ? Date.parse(`${from}T00:00:00Z`) : Date.parse(`${to}T00:00:00Z`) - 30 * DAY_MS;
      const end = to ? Date.parse(`${to}T00:00:00Z`) + DAY_MS - 1 : Date.parse(`${from}T00:00:00Z`) + 31 * DAY_MS - 1;
      return (ms: number | null) => ms !== null && ms >= start && ms <= end;
    };
    const dueWithin = dueFilter ? window(filter.due_date_from, filter.due_date_to) : undefined;
    const paidWithin = paymentFilter ? window(filter.payment_date_from, filter.payment_date_to) : undefined;
    const status = (position: StoredPosition) => (version === 'v3' ? statusV3(position.status) : position.status);
    const key = { INSERTED_DATE: (p: StoredPosition) => p.insertedDate, IUPD: (p: StoredPosition) => p.iupd, STATUS: status, COMPANY_NAME: (p: StoredPosition) => p.companyName }[filter.orderby];
    const matching = [...positions.values()]
      .map(settle)
      .filter((position) => filter.status === undefined || status(position) === filter.status)
      .filter((position) => !dueWithin || position.options.some((option) => dueWithin(option.dueDate)))
      .filter((position) => !paidWithin || paidWithin(position.paymentDate))
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        const order = x < y ? -1 : x > y ? 1 : 0;
        return filter.ordering === 'ASC' ? order : -order;
      });
    const pageItems = matching.slice(filter.page * filter.limit, (filter.page + 1) * filter.limit);
    return {
      payment_position_list: version === 'v3' ? pageItems.map(positionV3) : pageItems.map(positionV1),
      page_info: { page: filter.page, limit: filter.limit, items_found: pageItems.length, total_pages: Math.ceil(matching.length / filter.limit) },
    };
  }

  function parseBody<T extends z.ZodType>(raw: string, schema: T): z.output<T> {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new GpdProblem(400, 'Bad Request', 'JSON parse error: the request body is not valid JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new GpdProblem(400, 'Bad Request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', '));
    return parsed.data;
  }

  /** The operations, under `/gpd/debt-positions-service/{v1|v3}/organizations/{fc}`. */
  function route(method: string, url: URL, rawBody: string): { status: number; body: unknown } {
    const match = /^\/gpd\/debt-positions-service\/(v1|v3)\/organizations\/([^/]+)\/(.+)$/.exec(url.pathname);
    if (!match) return { status: 404, body: { statusCode: 404, message: 'Resource not found' } };
    const version = match[1] === 'v3' ? 'v3' : 'v1';
    const [organization = '', rest = ''] = match.slice(2);
    if (decodeURIComponent(organization) !== options.organizationFiscalCode) return { status: 403, body: { statusCode: 403, message: 'You are not allowed to access this resource.' } };
    const segments = rest.split('/').map(decodeURIComponent);
    const [collection, id, action] = segments;
    if (collection === 'debtpositions') {
      if (segments.length === 1 && method === 'GET') return { status: 200, body: list(url.searchParams, version) };
      if (segments.length === 1 && method === 'POST' && version === 'v1') {
        const position = create(parseBody(rawBody, gpdPositionInputSchema), url.searchParams.get('toPublish') === 'true');
        return { status: 201, body: positionModelV1(position) };
      }
      if (segments.length === 2 && id && method === 'GET') {
        const position = positionOrThrow(id);
        return { status: 200, body: version === 'v3' ? positionV3(position) : positionV1(position) };
      }
      if (segments.length === 3 && id && method === 'POST' && version === 'v1' && (action === 'publish' || action === 'invalidate')) {
        const position = positionOrThrow(id);
        if (action === 'publish') publish(position);
        else invalidate(position);
        return { status: 200, body: positionModelV1(position) };
      }
    }
    if (collection === 'paymentoptions' && id === 'paids' && action && segments.length === 3 && method === 'POST' && version === 'v1') {
      return { status: 200, body: optionV1(markPaid(action, parseBody(rawBody, alreadyPaidSchema).paymentDate)) };
    }
    return { status: 404, body: { statusCode: 404, message: 'Resource not found' } };
  }

  function answer(request: IncomingMessage, response: ServerResponse, rawBody: string) {
    const url = new URL(request.url ?? '/', 'http://gpd.local');
    const method = request.method ?? 'GET';
    requests.push({ method, path: `${url.pathname}${url.search}` });
    const send = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': crypto.randomUUID() }).end(JSON.stringify(body));
    if (fault === 'garbage') {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    // APIM checks the key before the service sees the request.
    if (request.headers['ocp-apim-subscription-key'] !== options.subscriptionKey) {
      send(401, { statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' });
      return;
    }
    try {
      const result = route(method, url, rawBody);
      send(result.status, result.body);
    } catch (error) {
      if (!(error instanceof GpdProblem)) throw error;
      send(error.status, { title: error.title, status: error.status, detail: error.detail });
    }
  }

  const server = createServer((request, response) => {
    if (fault === 'down') {
      request.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = () => answer(request, response, Buffer.concat(chunks).toString('utf8'));
      if (fault === 'slow') setTimeout(reply, options.slowMs ?? 15_000).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/gpd/debt-positions-service/v1`;
  const organizationUrl = `${url}/organizations/${options.organizationFiscalCode}`;

  /** A call to the fake as a comune's software would make it; GPD's errors are thrown with their ProblemJson. */
  async function call(path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${organizationUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Ocp-Apim-Subscription-Key': options.subscriptionKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GPD fake answered ${response.status}: ${text}`);
    return JSON.parse(text);
  }

  return {
    /** The v1 base, as the OpenAPI's servers give it. */
    url,
    requests,
    /** Creates a position through the API (`toPublish` publishes it in the same call). */
    createPosition: (position: GpdPositionInput, { toPublish = true }: { toPublish?: boolean } = {}) => call(`/debtpositions?toPublish=${toPublish}`, position),
    publish: (iupd: string) => call(`/debtpositions/${encodeURIComponent(iupd)}/publish`),
    invalidate: (iupd: string) => call(`/debtpositions/${encodeURIComponent(iupd)}/invalidate`),
    markPaid: (nav: string, paymentDate?: string) => call(`/paymentoptions/paids/${nav}`, paymentDate === undefined ? {} : { paymentDate }),
    /** The position as GPD holds it now, debtor and statuses included. */
    position: (iupd: string): StoredPosition | undefined => {
      const position = positions.get(iupd);
      return position && structuredClone(settle(position));
    },
    /** Moves the fake's clock: validity dates are reached, due dates pass. */
    advanceTime(ms: number) {
      clockOffsetMs += ms;
    },
    faults: {
      set(next: GpdFault) {
        fault = next;
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

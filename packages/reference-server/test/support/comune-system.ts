import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectorLookupRequestSchema, connectorPaidNoticeSchema, type ConnectorCredit, type ConnectorPaidNotice } from '@pay-box/contract';
import { Webhook } from 'standardwebhooks';

/** How the system answers lookups: well, or in one of the ways a real one fails. */
export type LookupFault = 'none' | 'down' | 'slow' | 'garbage' | 'wrong_notice' | 'bad_amount';

/**
 * A comune's tributi system speaking Pay-Box's connector protocol: a real HTTP server on a free
 * local port, holding its credits in memory. It verifies every request with the official Standard
 * Webhooks library (401 when it does not verify), records each write-back once per payment id, and
 * can fail on purpose: lookups (`lookupFault`), write-backs (`writeBacksDown`), or the whole server
 * (`stop`, then `restart` on the same port).
 */
export async function startComuneSystem(credits: ConnectorCredit[]) {
  let secret = '';
  let lookupFault: LookupFault = 'none';
  let writeBacksDown = false;
  const byNotice = new Map(credits.map((credit) => [credit.noticeNumber, { ...credit }]));
  const paid = new Map<string, ConnectorPaidNotice>();
  const writeBackAttempts: string[] = [];
  const unverified: IncomingHttpHeaders[] = [];

  const answer = (path: string, body: string): { status: number; text: string; delayMs?: number } => {
    if (path === '/pay-box/lookup') {
      if (lookupFault === 'down') return { status: 503, text: 'maintenance' };
      if (lookupFault === 'garbage') return { status: 200, text: '<html>Service Unavailable</html>' };
      const request = connectorLookupRequestSchema.parse(JSON.parse(body));
      const found = 'noticeNumber' in request ? [byNotice.get(request.noticeNumber)].filter((credit) => credit !== undefined) : [...byNotice.values()].filter((credit) => credit.debtor.taxCode === request.debtorTaxCode && credit.serviceCode === request.serviceCode);
      const shown = found.map((credit) => {
        if (lookupFault === 'wrong_notice') return { ...credit, noticeNumber: [...byNotice.keys()].find((other) => other !== credit.noticeNumber)! };
        if (lookupFault === 'bad_amount') return { ...credit, amount: -5 };
        return credit;
      });
      return { status: 200, text: JSON.stringify({ credits: shown }), ...(lookupFault === 'slow' && { delayMs: 3_000 }) };
    }
    if (path === '/pay-box/payments') {
      const notice = connectorPaidNoticeSchema.parse(JSON.parse(body));
      writeBackAttempts.push(notice.paymentId);
      if (writeBacksDown) return { status: 500, text: 'database locked' };
      if (!paid.has(notice.paymentId)) {
        paid.set(notice.paymentId, notice);
        const credit = byNotice.get(notice.noticeNumber);
        if (credit) credit.status = 'paid';
      }
      return { status: 200, text: '{"recorded":true}' };
    }
    return { status: 404, text: 'not found' };
  };

  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      try {
        new Webhook(secret).verify(body, headers);
      } catch {
        unverified.push(request.headers);
        response.writeHead(401).end('bad signature');
        return;
      }
      const { status, text, delayMs = 0 } = answer(new URL(request.url ?? '/', 'http://x').pathname, body);
      setTimeout(() => response.writeHead(status, { 'content-type': 'application/json' }).end(text), delayMs).unref();
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: `http://127.0.0.1:${port}/pay-box`,
    /** The `whsec_` secret Pay-Box showed when the connector was created. */
    useSecret(value: string) {
      secret = value;
    },
    failLookups(fault: LookupFault) {
      lookupFault = fault;
    },
    failWriteBacks(down: boolean) {
      writeBacksDown = down;
    },
    /** The credit as the comune's system holds it now; change it as the comune's office would. */
    credit: (noticeNumber: string) => byNotice.get(noticeNumber)!,
    /** Write-backs recorded, by payment id (each once). */
    paid,
    /** Every write-back request that verified, by payment id, in order (retries included). */
    writeBackAttempts,
    unverified,
    stop,
    restart: () => listen(port),
  };
}

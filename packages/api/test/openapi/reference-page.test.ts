import { errorCodes } from '@pay-box/contract';
import { describe, expect, it } from 'vitest';
import { curlExample } from '../../src/openapi/curl-example.js';
import { buildOpenApiDocument, type OpenApiDocument } from '../../src/openapi/document.js';
import { escapeHtml } from '../../src/openapi/markdown.js';
import { operations } from '../../src/openapi/operations.js';
import { renderApiReferencePage } from '../../src/openapi/reference-page.js';

const document = buildOpenApiDocument({ serverUrl: 'https://paybox.example.it', version: '1.2.3' });
const page = renderApiReferencePage(document);

/** The HTML of one operation's section. */
function operationSection(operationId: string): string {
  const start = page.indexOf(`id="op-${operationId.toLowerCase()}"`);
  return page.slice(start, page.indexOf('</section>', start));
}

describe('API reference page', () => {
  it('shows every path and every error code', () => {
    for (const operation of Object.values(operations)) expect(page).toContain(`<code>${operation.path}</code>`);
    for (const code of errorCodes) expect(page).toContain(`<code>${code}</code>`);
  });

  it('shows each error with its status and its English and Italian messages', () => {
    expect(page).toMatch(/<code>insufficient_float<\/code><\/td><td>402<\/td><td>The shop&#39;s float does not cover/);
    expect(page).toContain('<td lang="it">Il conto del negoziante non copre');
  });

  it('works offline: no scripts and no external resources', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link|src=|@import|url\(/i);
  });

  it('has landmarks and one h1', () => {
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<main id="main">');
    expect(page).toContain('<nav aria-label="Contents">');
    expect(page.match(/<h1[ >]/g)).toHaveLength(1);
    for (const heading of ['Authentication', 'Idempotency', 'Amounts', 'Errors', 'Credits', 'Payments']) expect(page).toContain(`>${heading}</h2>`);
    expect(page).toMatch(/<h3[^>]*>Error codes<\/h3>/);
    expect(page).toMatch(/<h3 id="op-createpayment-title">Pay a credit at an agent<\/h3>/);
  });

  it('escapes every text it inserts', () => {
    const hostile: OpenApiDocument = structuredClone(document);
    const getPayment = hostile.paths['/v1/payments/{id}']?.get;
    if (!getPayment) throw new Error('getPayment is missing');
    getPayment.summary = '<script>alert(1)</script>';
    getPayment.description = '<img src=x onerror=alert(1)>';
    const html = renderApiReferencePage(hostile);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Descriptions from the contract that contain angle brackets are shown, escaped.
    expect(page).toContain('PAGOPA|002|&lt;notice&gt;|');
  });

  it('documents the request and response fields of an operation, nested fields included', () => {
    const section = operationSection('createPayment');
    expect(section).toContain('<span class="method method-post">POST</span>');
    expect(section).toMatch(/<code>creditId<\/code>.*?<code>string<\/code>.*?yes/s);
    expect(section).toMatch(/<span class="parent">transfer\.<\/span><code>bankReference<\/code>/);
    expect(section).toContain('<a href="#scheme-terminalkey"><code>terminalKey</code></a>');
    expect(page).toContain('<dt id="scheme-terminalkey">');
  });

  it('gives a curl example per operation, with the headers each one needs', () => {
    expect(operationSection('createPayment')).toContain(
      escapeHtml([
        "curl -X POST 'https://paybox.example.it/v1/payments'",
        '-H "Authorization: Bearer $PAYBOX_TERMINAL_KEY"',
        '-H "Idempotency-Key: $(uuidgen)"',
        "-H 'Content-Type: application/json'",
        `-d '{"creditId":"crd_Valdimonte0001","amount":14350}'`,
      ].join(' \\\n  ')),
    );
    const verify = operationSection('verifyReceipt');
    expect(verify).toContain(escapeHtml("curl 'https://paybox.example.it/v1/receipts/verify/VA1D-M0NT-E001'"));
    expect(verify).not.toContain('Authorization');
    expect(operationSection('getAgentReport')).toContain(escapeHtml("curl 'https://paybox.example.it/v1/agent/report?date=2026-11-26'"));
  });

  it('quotes apostrophes in a curl body so the shell passes them through', () => {
    const createUnexpectedCredit = document.paths['/v1/unexpected-credits']?.post;
    if (!createUnexpectedCredit) throw new Error('createUnexpectedCredit is missing');
    const operation = structuredClone(createUnexpectedCredit);
    const json = operation.requestBody?.content['application/json'];
    if (json) json.example = { name: "D'Angelo" };
    expect(curlExample('https://x.it', 'post', '/v1/unexpected-credits', operation)).toContain(`-d '{"name":"D'\\''Angelo"}'`);
  });
});

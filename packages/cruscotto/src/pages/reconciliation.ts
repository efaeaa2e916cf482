import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { Page, ReconciliationResult, StaffSession, StatementDetail, StatementEntry, StatementImport, StatementSummary } from '../api/types.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { formatAmount, formatDay, formatDifference, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

/** The content type the API reads for a statement file, from its name: XML (OPI, camt.053) or CSV. */
const statementType = (file: File): string => (/\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'text/csv' : 'application/xml');

const formatName = (format: string): string => ({ opi_giornale_di_cassa: 'OPI giornale di cassa', camt053: 'camt.053', csv: 'CSV' })[format] ?? format;

const matchedByLabel = (by: string): string =>
  ({ end_to_end_id: 'EndToEndId', bank_reference: 'CRO/TRN', iuv: msg('IUV nella causale', { id: 'reconciliation.byIuv' }) })[by] ?? by;

/**
 * The treasurer's statement against Pay-Box's transfers: upload the file, then what matched, what
 * the statement lacks, what Pay-Box does not know, and amounts that differ; run it again later.
 */
export class ReconciliationPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    result: { state: true },
    imported: { state: true },
    statements: { state: true },
    error: { state: true },
    busy: { state: true },
    progress: { state: true },
    opened: { state: true },
  };

  declare session: StaffSession;
  declare result: ReconciliationResult | undefined;
  declare imported: StatementImport | undefined;
  declare statements: StatementSummary[];
  declare error: unknown;
  declare busy: boolean;
  declare progress: number | undefined;
  /** The statement whose entries are shown. */
  declare opened: StatementDetail | undefined;

  constructor() {
    super();
    this.statements = [];
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [result, statements] = await Promise.all([api.get<ReconciliationResult>('/v1/admin/reconciliation'), api.get<Page<StatementSummary>>('/v1/admin/statements')]);
      this.result = result;
      this.statements = statements.data;
    } catch (error) {
      this.error = error;
    }
  }

  private async upload(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const file = new FormData(event.target as HTMLFormElement).get('statement');
    if (!(file instanceof File) || file.size === 0) {
      this.error = new Error(msg('Scegli il file dell’estratto.', { id: 'reconciliation.chooseFile' }));
      return;
    }
    await this.run(async () => {
      this.imported = await api.upload<StatementImport>('/v1/admin/statements', file, statementType(file), (sent, total) => (this.progress = total ? Math.round((sent / total) * 100) : 0));
      this.result = this.imported.reconciliation;
    });
  }

  private async openStatement(id: string): Promise<void> {
    try {
      this.opened = await api.get<StatementDetail>(`/v1/admin/statements/${encodeURIComponent(id)}`);
      await this.updateComplete;
      this.querySelector<HTMLElement>('#statement-entries')?.focus();
    } catch (error) {
      this.error = error;
    }
  }

  private async rerun(): Promise<void> {
    await this.run(async () => {
      this.imported = undefined;
      this.result = await api.post<ReconciliationResult>('/v1/admin/reconciliations');
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = undefined;
    try {
      await work();
      const statements = await api.get<Page<StatementSummary>>('/v1/admin/statements');
      this.statements = statements.data;
    } catch (error) {
      this.error = error;
    } finally {
      this.busy = false;
      this.progress = undefined;
    }
  }

  override render() {
    const operator = hasRole(this.session, 'operator');
    return html`
      <h1 tabindex="-1">${msg('Riconciliazione', { id: 'nav.reconciliation' })}</h1>
      ${operator
        ? html`<form class="card" @submit=${this.upload}>
            <h2>${msg('Carica l’estratto del tesoriere', { id: 'reconciliation.upload' })}</h2>
            <p>${msg('Giornale di cassa OPI (XML), camt.053 (XML) o CSV nel formato documentato. Caricare due volte lo stesso file non cambia nulla.', { id: 'reconciliation.formats' })}</p>
            <div class="field"><label for="statement-file">${msg('File dell’estratto', { id: 'reconciliation.file' })}</label><input id="statement-file" name="statement" type="file" accept=".xml,.csv,application/xml,text/xml,text/csv" required /></div>
            <p class="actions">
              <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${msg('Carica e riconcilia', { id: 'reconciliation.submit' })}</button>
              <button class="btn btn-outline" type="button" ?disabled=${this.busy} @click=${() => this.rerun()}>${msg('Riesegui la riconciliazione', { id: 'reconciliation.rerun' })}</button>
            </p>
            ${this.progress !== undefined ? html`<progress max="100" .value=${this.progress} aria-label=${msg('Invio del file', { id: 'import.progress' })}></progress>` : nothing}
          </form>`
        : nothing}
      ${errorAlert(this.error)}
      <div role="status">
        ${this.imported
          ? html`<p class="alert alert-info">
              ${this.imported.duplicate
                ? msg('Questo estratto era già stato caricato: nulla è cambiato.', { id: 'reconciliation.duplicate' })
                : msg(str`Estratto ${formatName(this.imported.format)} caricato: ${this.imported.entries} movimenti.`, { id: 'reconciliation.imported' })}
            </p>`
          : nothing}
      </div>
      ${this.result ? this.resultView(this.result) : this.error ? nothing : loading()}
      ${this.statementList()}
    `;
  }

  private resultView(result: ReconciliationResult): TemplateResult {
    return html`<section aria-labelledby="result-heading">
      <h2 id="result-heading">${msg('Esito', { id: 'reconciliation.result' })} <span class="muted">(${formatInstant(result.evaluatedAt)})</span></h2>
      <ul class="tiles counts">
        <li class="tile"><h3>${msg('Riconciliati', { id: 'reconciliation.matched' })}</h3><p class="tile-amount">${result.matched.length}</p></li>
        <li class="tile ${result.missingFromStatement.length ? 'tile-alert' : ''}"><h3>${msg('Mancanti nell’estratto', { id: 'reconciliation.missing' })}</h3><p class="tile-amount">${result.missingFromStatement.length}</p></li>
        <li class="tile ${result.unknownToPayBox.length ? 'tile-alert' : ''}"><h3>${msg('Sconosciuti a Pay-Box', { id: 'reconciliation.unknown' })}</h3><p class="tile-amount">${result.unknownToPayBox.length}</p></li>
        <li class="tile ${result.amountMismatches.length ? 'tile-alert' : ''}"><h3>${msg('Importi diversi', { id: 'reconciliation.mismatches' })}</h3><p class="tile-amount">${result.amountMismatches.length}</p></li>
      </ul>
      ${this.section('missing', msg('Bonifici mancanti nell’estratto', { id: 'reconciliation.missingHeading' }), result.missingFromStatement.length, html`
        <thead><tr><th scope="col">${msg('Pagamento', { id: 'payment.heading' })}</th><th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th><th scope="col">CRO/TRN</th><th scope="col">${msg('Accreditato il', { id: 'payment.settledAt' })}</th></tr></thead>
        <tbody>${result.missingFromStatement.map((transfer) => html`<tr><td><a href=${href(`pagamenti/${transfer.paymentId}`)}>${transfer.iuv ?? transfer.paymentId}</a></td><td class="num">${formatAmount(transfer.amount)}</td><td class="mono">${transfer.bankReference ?? '—'}</td><td>${formatInstant(transfer.settledAt)}</td></tr>`)}</tbody>`)}
      ${this.section('unknown', msg('Movimenti sconosciuti a Pay-Box', { id: 'reconciliation.unknownHeading' }), result.unknownToPayBox.length, html`
        <thead>${this.entryHeader()}</thead>
        <tbody>${result.unknownToPayBox.map((entry) => this.entryRow(entry))}</tbody>`)}
      ${this.section('mismatches', msg('Importi diversi', { id: 'reconciliation.mismatches' }), result.amountMismatches.length, html`
        <thead><tr><th scope="col">${msg('Pagamento', { id: 'payment.heading' })}</th><th scope="col" class="num">${msg('Bonifico', { id: 'payments.transfer' })}</th><th scope="col" class="num">${msg('Estratto', { id: 'reconciliation.entry' })}</th><th scope="col" class="num">${msg('Differenza', { id: 'reconciliation.difference' })}</th></tr></thead>
        <tbody>${result.amountMismatches.map((pair) => html`<tr><td><a href=${href(`pagamenti/${pair.transfer.paymentId}`)}>${pair.transfer.bankReference ?? pair.transfer.paymentId}</a></td><td class="num">${formatAmount(pair.transfer.amount)}</td><td class="num">${formatAmount(pair.entry.amount)}</td><td class="num">${formatDifference(pair.difference)}</td></tr>`)}</tbody>`)}
      ${this.section('matched', msg('Riconciliati', { id: 'reconciliation.matched' }), result.matched.length, html`
        <thead><tr><th scope="col">${msg('Pagamento', { id: 'payment.heading' })}</th><th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th><th scope="col">CRO/TRN</th><th scope="col">${msg('Abbinato per', { id: 'reconciliation.by' })}</th></tr></thead>
        <tbody>${result.matched.map((match) => html`<tr><td><a href=${href(`pagamenti/${match.paymentId}`)}>${match.paymentId}</a></td><td class="num">${formatAmount(match.amount)}</td><td class="mono">${match.bankReference ?? '—'}</td><td>${matchedByLabel(match.by)}</td></tr>`)}</tbody>`)}
    </section>`;
  }

  private section(id: string, title: string, count: number, table: TemplateResult): TemplateResult {
    return html`<section class="card" aria-labelledby=${`rec-${id}`}>
      <h3 id=${`rec-${id}`}>${title} (${count})</h3>
      ${count ? html`<div class="table-scroll" tabindex="0"><table class="table">${table}</table></div>` : html`<p class="muted">${msg('Nessuno.', { id: 'common.none' })}</p>`}
    </section>`;
  }

  private entryHeader(extra?: TemplateResult): TemplateResult {
    return html`<tr><th scope="col" class="num">${msg('Riga', { id: 'import.line' })}</th><th scope="col">${msg('Data', { id: 'common.date' })}</th><th scope="col" class="num">${msg('Importo', { id: 'common.amount' })}</th><th scope="col">${msg('Riferimenti', { id: 'reconciliation.references' })}</th><th scope="col">${msg('Causale', { id: 'reconciliation.remittance' })}</th>${extra ?? nothing}</tr>`;
  }

  private entryRow(entry: StatementEntry, status?: TemplateResult): TemplateResult {
    return html`<tr><td class="num">${entry.line}</td><td>${formatDay(entry.bookedOn)}</td><td class="num">${formatAmount(entry.amount)}</td><td class="mono">${[entry.endToEndId, entry.bankReference, entry.iuv].filter(Boolean).join(' · ') || '—'}</td><td>${entry.remittance}</td>${status ?? nothing}</tr>`;
  }

  private statementEntries(statement: StatementDetail): TemplateResult {
    return html`<section class="card" aria-labelledby="statement-entries">
      <h3 id="statement-entries" tabindex="-1">${msg('Movimenti dell’estratto', { id: 'closing.entries' })} · ${formatName(statement.format)} ${formatDay(statement.period.from)} – ${formatDay(statement.period.to)}</h3>
      <div class="table-scroll" tabindex="0"><table class="table">
        <thead>${this.entryHeader(html`<th scope="col">${msg('Riconciliato', { id: 'reconciliation.reconciled' })}</th>`)}</thead>
        <tbody>${statement.entryList.map((entry) => this.entryRow(entry, html`<td>${entry.reconciledTransferId ? msg('sì', { id: 'common.yes' }) : msg('no', { id: 'common.no' })}</td>`))}</tbody>
      </table></div>
    </section>`;
  }

  private statementList(): TemplateResult {
    return html`<section class="card" aria-labelledby="statements-heading">
      <h2 id="statements-heading">${msg('Estratti caricati', { id: 'reconciliation.statements' })}</h2>
      ${this.statements.length === 0
        ? html`<p class="muted">${msg('Nessun estratto caricato.', { id: 'reconciliation.noStatements' })}</p>`
        : html`<table class="table">
            <thead><tr><th scope="col">${msg('Ricevuto', { id: 'reconciliation.received' })}</th><th scope="col">${msg('Formato', { id: 'reconciliation.format' })}</th><th scope="col">${msg('Periodo', { id: 'reconciliation.period' })}</th><th scope="col" class="num">${msg('Movimenti', { id: 'reconciliation.entries' })}</th></tr></thead>
            <tbody>${this.statements.map((statement) => html`<tr><td><button type="button" class="link-button link-dark" aria-label=${msg(str`Mostra i movimenti dell’estratto ricevuto il ${formatInstant(statement.receivedAt)}`, { id: 'reconciliation.open' })} @click=${() => this.openStatement(statement.id)}>${formatInstant(statement.receivedAt)}</button></td><td>${formatName(statement.format)}</td><td>${formatDay(statement.period.from)} – ${formatDay(statement.period.to)}</td><td class="num">${statement.entries}</td></tr>`)}</tbody>
          </table>`}
      ${this.opened ? this.statementEntries(this.opened) : nothing}
    </section>`;
  }
}

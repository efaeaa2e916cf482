import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { CreditImportResult, ImportMode, StaffSession } from '../api/types.js';
import { CruscottoElement, errorAlert, hasRole } from '../support/element.js';
import { formatCount } from '../support/locale.js';
import { href } from '../support/router.js';

/**
 * Credits from a CSV file: all or nothing, or only the valid rows; a progress bar while the file
 * goes up, then how many were imported and each rejected row with its line and reasons.
 */
export class CreditImportPage extends CruscottoElement {
  static override properties = {
    session: { attribute: false },
    progress: { state: true },
    result: { state: true },
    error: { state: true },
  };

  declare session: StaffSession;
  /** Percent sent, while sending. */
  declare progress: number | undefined;
  declare result: CreditImportResult | undefined;
  declare error: unknown;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const file = data.get('file');
    const mode = String(data.get('mode') ?? 'all_or_nothing') as ImportMode;
    if (!(file instanceof File) || file.size === 0) {
      this.error = new Error(msg('Scegli un file CSV.', { id: 'import.chooseFile' }));
      return;
    }
    this.result = undefined;
    this.error = undefined;
    this.progress = 0;
    try {
      this.result = await api.upload<CreditImportResult>(`/v1/admin/credit-imports?mode=${mode}`, file, 'text/csv', (sent, total) => {
        this.progress = total ? Math.round((sent / total) * 100) : 0;
      });
    } catch (error) {
      this.error = error;
    } finally {
      this.progress = undefined;
    }
  }

  override render() {
    if (!hasRole(this.session, 'operator')) {
      return html`<h1 tabindex="-1">${msg('Importa crediti da CSV', { id: 'import.heading' })}</h1>
        <p class="alert alert-warning">${msg('Il tuo ruolo non consente di vedere questa sezione.', { id: 'app.forbidden' })}</p>`;
    }
    return html`
      <p><a href=${href('crediti')}>← ${msg('Tutti i crediti', { id: 'credit.back' })}</a></p>
      <h1 tabindex="-1">${msg('Importa crediti da CSV', { id: 'import.heading' })}</h1>
      <form class="card" @submit=${this.submit}>
        <p>${msg('Il file CSV ha un credito per riga, con le colonne del formato documentato (servizio, codice fiscale, nome, descrizione, importo, scadenza).', { id: 'import.layout' })}</p>
        <div class="field"><label for="import-file">${msg('File CSV', { id: 'import.file' })}</label><input id="import-file" name="file" type="file" accept=".csv,text/csv" required /></div>
        <fieldset>
          <legend>${msg('Se alcune righe non sono valide', { id: 'import.modeLegend' })}</legend>
          <div class="radio"><input type="radio" id="mode-all" name="mode" value="all_or_nothing" checked /><label for="mode-all">${msg('Non importare nulla (tutto o niente)', { id: 'import.allOrNothing' })}</label></div>
          <div class="radio"><input type="radio" id="mode-valid" name="mode" value="valid_rows" /><label for="mode-valid">${msg('Importa le righe valide', { id: 'import.validRows' })}</label></div>
        </fieldset>
        <button class="btn btn-primary" type="submit" ?disabled=${this.progress !== undefined}>${msg('Importa', { id: 'import.submit' })}</button>
        ${this.progress !== undefined
          ? html`<div class="progress-box">
              <label for="import-progress">${msg('Invio del file', { id: 'import.progress' })}</label>
              <progress id="import-progress" max="100" .value=${this.progress}>${this.progress}%</progress>
              <span>${this.progress}%</span>
            </div>`
          : nothing}
      </form>
      ${errorAlert(this.error)}
      <div role="status">${this.result ? this.report(this.result) : nothing}</div>
    `;
  }

  private report(result: CreditImportResult): TemplateResult {
    const imported = formatCount(result.imported);
    const total = formatCount(result.total);
    return html`<section class="card" aria-labelledby="import-result">
      <h2 id="import-result">${msg('Esito dell’importazione', { id: 'import.result' })}</h2>
      <p class=${result.rejected.length ? 'alert alert-warning' : 'alert alert-success'}>${msg(str`Crediti importati: ${imported} su ${total} righe.`, { id: 'import.summary' })}
        ${result.rejected.length && result.imported === 0 && result.mode === 'all_or_nothing'
          ? msg('Nessun credito importato: correggi le righe respinte o scegli di importare le righe valide.', { id: 'import.nothingImported' })
          : nothing}</p>
      ${result.rejected.length
        ? html`<table class="table">
            <caption>${msg('Righe respinte', { id: 'import.rejected' })}</caption>
            <thead><tr><th scope="col" class="num">${msg('Riga', { id: 'import.line' })}</th><th scope="col">${msg('Motivi', { id: 'import.reasons' })}</th></tr></thead>
            <tbody>
              ${result.rejected.map((row) => html`<tr><td class="num">${row.line}</td><td><ul class="plain">${row.reasons.map((reason) => html`<li>${reason}</li>`)}</ul></td></tr>`)}
            </tbody>
          </table>`
        : nothing}
    </section>`;
  }
}

import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { api } from '../api/client.js';
import type { DeadLetter, List, StaffSession } from '../api/types.js';
import { CruscottoElement, errorAlert, hasRole, loading } from '../support/element.js';
import { formatCount, formatInstant } from '../support/locale.js';
import { href } from '../support/router.js';

const kindLabel = (kind: string): string =>
  ({
    write_back: msg('Pagamento comunicato al connettore', { id: 'deadLetters.writeBack' }),
    webhook: msg('Consegna di un webhook', { id: 'deadLetters.webhook' }),
  })[kind] ?? kind;

/**
 * Work Pay-Box gave up on after its last retry (viewers see it): a payment its connector was never
 * told of, a webhook never delivered. An operator sends one again once the other side is back.
 */
export class DeadLettersPage extends CruscottoElement {
  static override properties = { session: { attribute: false }, letters: { state: true }, error: { state: true }, actionError: { state: true }, done: { state: true } };
  declare session: StaffSession;
  declare letters: DeadLetter[] | undefined;
  declare error: unknown;
  declare actionError: unknown;
  declare done: string;

  constructor() {
    super();
    this.done = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.letters = (await api.get<List<DeadLetter>>('/v1/admin/dead-letters')).data;
      this.error = undefined;
    } catch (error) {
      this.error = error;
    }
  }

  private async redeliver(letter: DeadLetter): Promise<void> {
    this.done = '';
    this.actionError = undefined;
    try {
      await api.post(`/v1/admin/dead-letters/${letter.id}/redeliver`);
      await this.load();
      this.done = msg(str`${kindLabel(letter.kind)} ${letter.subjectId}: inviato di nuovo.`, { id: 'deadLetters.redelivered' });
      // Its row has gone: the keyboard goes on from the list.
      await this.updateComplete;
      this.querySelector<HTMLElement>('#dead-letters-heading')?.focus();
    } catch (error) {
      this.actionError = error;
    }
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('Invii non riusciti', { id: 'nav.deadLetters' })}</h1>
      <p>${msg('Ciò che Pay-Box non è riuscito a consegnare nemmeno all’ultimo tentativo. Quando il sistema che lo riceve è di nuovo raggiungibile, invialo di nuovo.', { id: 'deadLetters.intro' })}</p>
      <div role="status">${this.done ? html`<p class="alert alert-success">${this.done}</p>` : nothing}</div>
      ${errorAlert(this.error)} ${errorAlert(this.actionError)}
      <section aria-labelledby="dead-letters-heading">
        <h2 id="dead-letters-heading" tabindex="-1">${msg('Da inviare di nuovo', { id: 'deadLetters.list' })}</h2>
        ${this.letters ? this.table(this.letters) : this.error ? nothing : loading()}
      </section>
    `;
  }

  private subject(letter: DeadLetter): TemplateResult {
    return letter.kind === 'write_back'
      ? html`<a class="mono" href=${href(`pagamenti/${letter.subjectId}`)}>${letter.subjectId}</a>`
      : html`<span class="mono">${letter.subjectId}</span>`;
  }

  private table(letters: DeadLetter[]): TemplateResult {
    if (letters.length === 0) return html`<p>${msg('Nessun invio non riuscito.', { id: 'deadLetters.none' })}</p>`;
    const operator = hasRole(this.session, 'operator');
    return html`<div class="table-scroll" tabindex="0"><table class="table">
      <thead>
        <tr>
          <th scope="col">${msg('Che cosa', { id: 'deadLetters.what' })}</th>
          <th scope="col">${msg('Errore', { id: 'deadLetters.error' })}</th>
          <th scope="col" class="num">${msg('Tentativi', { id: 'deliveries.attempts' })}</th>
          <th scope="col">${msg('Abbandonato il', { id: 'deadLetters.deadAt' })}</th>
          ${operator ? html`<th scope="col">${msg('Azioni', { id: 'common.actions' })}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${letters.map(
          (letter) => html`<tr class="row-alert">
            <th scope="row">${kindLabel(letter.kind)}<br />${this.subject(letter)}<br /><span class="muted">${msg('dal', { id: 'deadLetters.since' })} ${formatInstant(letter.createdAt)}</span></th>
            <td class="mono details">${letter.lastError ?? '—'}</td>
            <td class="num">${formatCount(letter.failures)}</td>
            <td>${formatInstant(letter.deadAt)}</td>
            ${operator
              ? html`<td>
                  <button class="btn btn-small btn-primary" type="button" @click=${() => this.redeliver(letter)}>
                    ${msg('Invia di nuovo', { id: 'deliveries.redeliver' })}<span class="visually-hidden"> ${letter.subjectId}</span>
                  </button>
                </td>`
              : nothing}
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

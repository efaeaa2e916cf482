import { msg } from '@lit/localize';
import { html, nothing } from 'lit';
import { CruscottoElement } from '../support/element.js';

type Copied = 'copied' | 'failed' | '';

/**
 * A signing secret the API answers only once (a new webhook endpoint or connector, a rotation):
 * shown in a read-only field, copied with one button, gone when the admin closes it or leaves the
 * page. The page that made it moves the focus here with `focusHeading()`.
 */
export class SecretOnce extends CruscottoElement {
  static override properties = { secret: {}, heading: {}, copied: { state: true } };
  declare secret: string;
  declare heading: string;
  declare copied: Copied;

  constructor() {
    super();
    this.copied = '';
  }

  async focusHeading(): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>('h2')?.focus();
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.secret);
      this.copied = 'copied';
    } catch {
      // No clipboard (permission refused, an old browser): the field is selected for a manual copy.
      this.querySelector<HTMLInputElement>('input')?.select();
      this.copied = 'failed';
    }
  }

  override render() {
    return html`<section class="card secret-once" aria-labelledby="secret-heading">
      <h2 id="secret-heading" tabindex="-1">${this.heading}</h2>
      <p class="alert alert-warning">${msg('Copialo ora e conservalo nel sistema del comune: non sarà più mostrato.', { id: 'secret.once' })}</p>
      <div class="field">
        <label for="secret-value">${msg('Segreto di firma', { id: 'secret.label' })}</label>
        <div class="search-row">
          <input id="secret-value" class="mono" readonly .value=${this.secret} @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()} />
          <button class="btn btn-primary" type="button" @click=${() => this.copy()}>${msg('Copia', { id: 'secret.copy' })}</button>
        </div>
      </div>
      <p role="status">
        ${this.copied === 'copied'
          ? msg('Segreto copiato negli appunti.', { id: 'secret.copied' })
          : this.copied === 'failed'
            ? msg('Copia non riuscita: il segreto è selezionato, copialo con Ctrl+C.', { id: 'secret.copyFailed' })
            : nothing}
      </p>
      <button class="btn btn-outline" type="button" @click=${() => this.dispatchEvent(new CustomEvent('secret-closed', { bubbles: true }))}>
        ${msg('Ho conservato il segreto, chiudi', { id: 'secret.close' })}
      </button>
    </section>`;
  }
}

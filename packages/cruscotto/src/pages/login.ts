import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiError, api } from '../api/client.js';
import type { StaffSession } from '../api/types.js';
import { CruscottoElement, errorMessage } from '../support/element.js';

/** Minutes to wait, from the lock-out's details (`retryAfterSeconds`), rounded up. */
function lockedMinutes(error: ApiError): number | undefined {
  const seconds = (error.body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' ? Math.max(1, Math.ceil(seconds / 60)) : undefined;
}

/** Email and password; says why a login failed, how long a locked email waits, and why the staff is here again. */
export class LoginPage extends CruscottoElement {
  static override properties = {
    notice: {},
    languageSwitch: { attribute: false },
    error: { state: true },
    busy: { state: true },
  };

  declare notice: 'expired' | 'loggedOut' | '';
  declare languageSwitch: TemplateResult | undefined;
  declare error: unknown;
  declare busy: boolean;

  constructor() {
    super();
    this.notice = '';
    this.error = undefined;
    this.busy = false;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = undefined;
    try {
      const session = await api.post<StaffSession>('/v1/admin/session', { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') });
      this.dispatchEvent(new CustomEvent('logged-in', { detail: session, bubbles: true }));
    } catch (error) {
      this.error = error;
      await this.updateComplete;
      this.querySelector<HTMLInputElement>('#password')?.select();
    } finally {
      this.busy = false;
    }
  }

  private errorText(): string {
    const error = this.error;
    if (error instanceof ApiError && error.code === 'login_locked') {
      const minutes = lockedMinutes(error);
      if (minutes !== undefined) return `${errorMessage(error)} ${msg(str`Riprova tra ${minutes} minuti.`, { id: 'login.lockedMinutes' })}`;
    }
    return errorMessage(error);
  }

  private noticeText(): string {
    if (this.notice === 'expired') return msg('La sessione è scaduta: accedi di nuovo.', { id: 'login.expired' });
    if (this.notice === 'loggedOut') return msg('Sei uscito dal cruscotto.', { id: 'login.loggedOut' });
    return '';
  }

  override render() {
    return html`
      <header class="slim-header">
        <div class="container">
          <span>Pay-Box · ${msg('Cruscotto del comune', { id: 'app.product' })}</span>
          <div class="page-options">${this.languageSwitch ?? nothing}</div>
        </div>
      </header>
      <main id="main" class="container login">
        <div class="card login-card">
          <h1 tabindex="-1">${msg('Accesso al cruscotto', { id: 'login.heading' })}</h1>
          <p>${msg('Accedi con l’email e la password del tuo ufficio.', { id: 'login.intro' })}</p>
          <div role="status" class="notice">${this.noticeText() ? html`<p class="alert alert-info">${this.noticeText()}</p>` : nothing}</div>
          <div role="alert">${this.error ? html`<p class="alert alert-danger">${this.errorText()}</p>` : nothing}</div>
          <form @submit=${this.submit} novalidate>
            <div class="field">
              <label for="email">${msg('Email', { id: 'login.email' })}</label>
              <input id="email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
              <label for="password">${msg('Password', { id: 'login.password' })}</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button class="btn btn-primary" type="submit" ?disabled=${this.busy}>${msg('Accedi', { id: 'login.submit' })}</button>
          </form>
        </div>
      </main>
    `;
  }
}

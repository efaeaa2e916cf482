import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { api } from './api/client.js';
import type { Role, StaffSession } from './api/types.js';
import { CruscottoElement, hasRole } from './support/element.js';
import { currentLocale, preferredLocale, useLocale } from './support/locale.js';
import { currentRoute, href, type Route } from './support/router.js';

interface Section {
  path: string;
  label: () => string;
  role: Role;
  page: (route: Route, session: StaffSession) => TemplateResult;
}

/** The sections in the menu, by the least role that sees them. */
const sections: Section[] = [
  { path: '', label: () => msg('Panoramica', { id: 'nav.overview' }), role: 'viewer', page: (_, s) => html`<pb-overview .session=${s}></pb-overview>` },
  {
    path: 'pagamenti',
    label: () => msg('Pagamenti', { id: 'nav.payments' }),
    role: 'viewer',
    page: (r, s) => (r.id ? html`<pb-payment .session=${s} .paymentId=${r.id}></pb-payment>` : html`<pb-payments .session=${s} .query=${r.query}></pb-payments>`),
  },
  { path: 'bonifici', label: () => msg('Bonifici', { id: 'nav.transfers' }), role: 'viewer', page: (r, s) => html`<pb-transfers .session=${s} .query=${r.query}></pb-transfers>` },
  {
    path: 'crediti',
    label: () => msg('Crediti', { id: 'nav.credits' }),
    role: 'viewer',
    page: (r, s) =>
      r.id === 'importa'
        ? html`<pb-credit-import .session=${s}></pb-credit-import>`
        : r.id
          ? html`<pb-credit .session=${s} .creditId=${r.id}></pb-credit>`
          : html`<pb-credits .session=${s} .query=${r.query}></pb-credits>`,
  },
  { path: 'non-attesi', label: () => msg('Crediti non attesi', { id: 'nav.unexpected' }), role: 'viewer', page: (r, s) => html`<pb-unexpected .session=${s} .query=${r.query}></pb-unexpected>` },
  { path: 'assistenza', label: () => msg('Assistenza', { id: 'nav.support' }), role: 'viewer', page: (r, s) => html`<pb-support .session=${s} .query=${r.query}></pb-support>` },
  { path: 'riconciliazione', label: () => msg('Riconciliazione', { id: 'nav.reconciliation' }), role: 'viewer', page: (_, s) => html`<pb-reconciliation .session=${s}></pb-reconciliation>` },
  { path: 'chiusura', label: () => msg('Chiusura giornaliera', { id: 'nav.closing' }), role: 'viewer', page: (r, s) => html`<pb-daily-closing .session=${s} .query=${r.query}></pb-daily-closing>` },
  { path: 'negozi', label: () => msg('Negozi', { id: 'nav.shops' }), role: 'viewer', page: () => html`<pb-shops></pb-shops>` },
  { path: 'invii-non-riusciti', label: () => msg('Invii non riusciti', { id: 'nav.deadLetters' }), role: 'viewer', page: (_, s) => html`<pb-dead-letters .session=${s}></pb-dead-letters>` },
  {
    path: 'webhook',
    label: () => msg('Webhook', { id: 'nav.webhooks' }),
    role: 'admin',
    page: (r) => (r.id ? html`<pb-webhook-deliveries .endpointId=${r.id}></pb-webhook-deliveries>` : html`<pb-webhooks></pb-webhooks>`),
  },
  { path: 'connettori', label: () => msg('Connettori', { id: 'nav.connectors' }), role: 'admin', page: () => html`<pb-connectors></pb-connectors>` },
  { path: 'registro', label: () => msg('Registro attività', { id: 'nav.audit' }), role: 'admin', page: (r) => html`<pb-audit-log .query=${r.query}></pb-audit-log>` },
  { path: 'utenti', label: () => msg('Utenti', { id: 'nav.users' }), role: 'admin', page: (_, s) => html`<pb-users .session=${s}></pb-users>` },
];

type Notice = 'expired' | 'loggedOut' | '';

/**
 * The cruscotto: the login page until there is a session, then the comune's header, the menu its
 * role allows, and the section the address names. A session that ends on any request brings the
 * login back with a word why.
 */
export class CruscottoApp extends CruscottoElement {
  static override properties = {
    session: { state: true },
    route: { state: true },
    notice: { state: true },
  };

  /** undefined while the session is being read at start. */
  declare session: StaffSession | null | undefined;
  declare route: Route;
  declare notice: Notice;
  private readonly onHashChange = () => {
    this.route = currentRoute();
    void this.focusHeading();
  };

  constructor() {
    super();
    this.session = undefined;
    this.route = currentRoute();
    this.notice = '';
    api.onSessionEnded = () => {
      if (this.session) this.notice = 'expired';
      this.setSession(null);
    };
  }

  /** The page's own "loading" line gives way to the app. */
  protected override createRenderRoot(): HTMLElement {
    this.replaceChildren();
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.onHashChange);
    void this.start();
  }

  override disconnectedCallback(): void {
    removeEventListener('hashchange', this.onHashChange);
    super.disconnectedCallback();
  }

  private async start(): Promise<void> {
    await useLocale(preferredLocale());
    try {
      this.setSession(await api.get<StaffSession>('/v1/admin/session'));
    } catch {
      this.setSession(null);
    }
  }

  private setSession(session: StaffSession | null): void {
    api.setSession(session);
    this.session = session;
  }

  /** Each page has its own title (WCAG 2.4.2), in the language shown. */
  protected override updated(): void {
    const session = this.session;
    if (session === undefined) return;
    const section = sections.find((candidate) => candidate.path === this.route.section);
    document.title = session
      ? [section?.label(), msg('Cruscotto', { id: 'app.title' }), session.comune?.name ?? 'Pay-Box'].filter(Boolean).join(' · ')
      : msg('Accesso al cruscotto Pay-Box', { id: 'login.title' });
  }

  private async logOut(): Promise<void> {
    await api.delete('/v1/admin/session').catch(() => undefined);
    this.notice = 'loggedOut';
    this.setSession(null);
  }

  private async switchLocale(): Promise<void> {
    await useLocale(currentLocale() === 'it' ? 'en' : 'it');
    this.requestUpdate();
  }

  /** After a change of page, the keyboard and the screen reader start at its heading. */
  private async focusHeading(): Promise<void> {
    await this.updateComplete;
    requestAnimationFrame(() => this.querySelector<HTMLElement>('main h1')?.focus());
  }

  private languageSwitch(): TemplateResult {
    const other = currentLocale() === 'it' ? { lang: 'en', label: 'English' } : { lang: 'it', label: 'Italiano' };
    return html`<button type="button" class="link-button" lang=${other.lang} @click=${() => this.switchLocale()}>${other.label}</button>`;
  }

  override render() {
    if (this.session === undefined) return html`<p class="boot" role="status">${msg('Caricamento del cruscotto…', { id: 'app.loading' })}</p>`;
    if (this.session === null) {
      return html`<pb-login
        .notice=${this.notice}
        .languageSwitch=${this.languageSwitch()}
        @logged-in=${(event: CustomEvent<StaffSession>) => {
          this.notice = '';
          this.setSession(event.detail);
          void this.focusHeading();
        }}
      ></pb-login>`;
    }
    return this.shell(this.session);
  }

  private shell(session: StaffSession): TemplateResult {
    const visible = sections.filter((section) => hasRole(session, section.role));
    const section = sections.find((candidate) => candidate.path === this.route.section);
    const roleName = { viewer: msg('lettura', { id: 'role.viewer' }), operator: msg('operatore', { id: 'role.operator' }), admin: msg('amministratore', { id: 'role.admin' }), platform: 'platform' }[session.user.role];
    return html`
      <a class="skip-link" href="#main" @click=${(event: Event) => this.skipToMain(event)}>${msg('Vai al contenuto', { id: 'app.skip' })}</a>
      <header>
        <div class="slim-header">
          <div class="container">
            <span>Pay-Box · ${msg('Cruscotto del comune', { id: 'app.product' })}</span>
            <div class="page-options">
              <span>${session.user.name} (${roleName})</span>
              ${this.languageSwitch()}
              <button type="button" class="link-button" @click=${() => this.logOut()}>${msg('Esci', { id: 'app.logout' })}</button>
            </div>
          </div>
        </div>
        <div class="center-header">
          <div class="container">
            <p class="comune-name">${session.comune?.name ?? 'Pay-Box'}</p>
            <p class="comune-tagline">${msg('Incassi, crediti e riconciliazione', { id: 'app.tagline' })}</p>
          </div>
        </div>
        <nav class="main-nav" aria-label=${msg('Sezioni del cruscotto', { id: 'app.nav' })}>
          <div class="container">
            <ul>
              ${visible.map(
                (item) => html`<li><a href=${href(item.path)} aria-current=${item === section ? 'page' : 'false'}>${item.label()}</a></li>`,
              )}
            </ul>
          </div>
        </nav>
      </header>
      <main id="main" tabindex="-1" class="container">
        ${!section
          ? html`<h1 tabindex="-1">${msg('Pagina non trovata', { id: 'app.notFound' })}</h1>
              <p><a href=${href('')}>${msg('Torna alla panoramica', { id: 'app.backHome' })}</a></p>`
          : hasRole(session, section.role)
            ? section.page(this.route, session)
            : html`<h1 tabindex="-1">${section.label()}</h1>
                <p class="alert alert-warning">${msg('Il tuo ruolo non consente di vedere questa sezione.', { id: 'app.forbidden' })}</p>`}
      </main>
      <footer>
        <div class="container"><p>Pay-Box · ${session.comune?.name ?? ''} · ${session.user.email}</p></div>
      </footer>
    `;
  }

  /** The skip link moves the focus without changing the hash route. */
  private skipToMain(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('main')?.focus();
  }
}

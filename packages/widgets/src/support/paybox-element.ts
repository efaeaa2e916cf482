import { isPayBoxError, type PayBox } from '@pay-box/sdk';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { dispatchPayBoxEvent, type PayBoxElementName, type PayBoxEventDetails, type PayBoxEventName } from '../events.js';
import { clientFor } from './clients.js';
import { resolveLocale, useLocale, type WidgetLocale } from './locale.js';
import { themeStyles } from './theme.js';

/** The presets of `theme`; any of them can be tuned further with the `--paybox-*` custom properties. */
export type ThemeName = 'default' | 'bootstrap-italia' | 'dark';

/**
 * What every Pay-Box widget shares: the connection to the server (`publishable-key` and `base-url`,
 * or a `client` handed down by `<paybox-checkout>`), the language, the theme, and how a failure is
 * told to the citizen and to the page.
 */
export abstract class PayBoxElement extends LitElement {
  static override properties: PropertyDeclarations = {
    locale: {},
    theme: { reflect: true },
    publishableKey: { attribute: 'publishable-key' },
    baseUrl: { attribute: 'base-url' },
    client: { attribute: false },
    errorMessage: { state: true },
  };

  static override styles = [themeStyles];

  /** Focusing the element focuses its first control: `<paybox-checkout>` moves the focus to each new step. */
  static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  /** Language of the widget: `it` (default) or `en`; without it, the page's `<html lang>`. One language per page. */
  declare locale: string | undefined;

  /** `default`, `bootstrap-italia` or `dark`. */
  declare theme: ThemeName | undefined;

  /** The comune's publishable key (`pk_...`): safe in a page, only from the comune's allowed origins. */
  declare publishableKey: string;

  /** The Pay-Box server, without `/v1`: `https://paybox.example.it`. */
  declare baseUrl: string;

  /** An SDK client to use instead of `publishable-key` and `base-url` (set by `<paybox-checkout>` on its parts). */
  declare client: PayBox | undefined;

  /** What went wrong, in the widget's language; shown in a live region that is there from the first render. */
  protected declare errorMessage: string;

  protected abstract readonly elementName: PayBoxElementName;

  constructor() {
    super();
    this.publishableKey = '';
    this.baseUrl = '';
    this.errorMessage = '';
    updateWhenLocaleChanges(this);
  }

  protected get language(): WidgetLocale {
    return resolveLocale(this.locale);
  }

  protected get payBox(): PayBox {
    return this.client ?? clientFor(this.baseUrl, this.publishableKey, this.language);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('locale')) void useLocale(this.language);
  }

  protected emit<Name extends PayBoxEventName>(name: Name, detail: PayBoxEventDetails[Name]): void {
    dispatchPayBoxEvent(this, name, detail);
  }

  protected ready(): void {
    this.emit('paybox-ready', { element: this.elementName });
  }

  /**
   * Shows why a request failed and tells the page. The server's answers are already in the client's
   * language and written for whoever pays; when no answer came, the SDK's message speaks to developers
   * (base URL, idempotency key), so the citizen reads one of ours.
   */
  protected fail(error: unknown): void {
    const known = isPayBoxError(error);
    if (known && (error.code === 'network_error' || error.code === 'timeout' || error.code === 'invalid_response')) {
      this.errorMessage = msg('Il servizio di pagamento non risponde: controlla la connessione e riprova.', { id: 'error.noAnswer' });
    } else {
      this.errorMessage = known ? error.message : msg('Qualcosa non ha funzionato. Riprova tra poco.', { id: 'error.unexpected' });
    }
    this.emit('paybox-error', { code: known ? error.code : 'unexpected_error', message: this.errorMessage, requestId: known ? error.requestId : null });
    if (!known) console.error(error);
  }
}

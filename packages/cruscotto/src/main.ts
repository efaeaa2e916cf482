/** The cruscotto's entry: defines its elements; index.html holds `<pb-cruscotto>`. */
import { CruscottoApp } from './app.js';
import { AuditLogPage } from './pages/audit-log.js';
import { ConnectorsPage } from './pages/connectors.js';
import { CreditImportPage } from './pages/credit-import.js';
import { CreditPage } from './pages/credit.js';
import { CreditsPage } from './pages/credits.js';
import { DailyClosingPage } from './pages/daily-closing.js';
import { DeadLettersPage } from './pages/dead-letters.js';
import { LiveFeed } from './pages/live-feed.js';
import { LoginPage } from './pages/login.js';
import { OverviewPage } from './pages/overview.js';
import { PaymentPage } from './pages/payment.js';
import { PaymentsPage } from './pages/payments.js';
import { ReconciliationPage } from './pages/reconciliation.js';
import { SecretOnce } from './pages/secret-once.js';
import { ShopsPage } from './pages/shops.js';
import { SupportPage } from './pages/support.js';
import { TransfersPage } from './pages/transfers.js';
import { UnexpectedPage } from './pages/unexpected.js';
import { UsersPage } from './pages/users.js';
import { WebhookDeliveriesPage } from './pages/webhook-deliveries.js';
import { WebhooksPage } from './pages/webhooks.js';

const elements: Record<string, CustomElementConstructor> = {
  'pb-login': LoginPage,
  'pb-overview': OverviewPage,
  'pb-live-feed': LiveFeed,
  'pb-payments': PaymentsPage,
  'pb-payment': PaymentPage,
  'pb-transfers': TransfersPage,
  'pb-credits': CreditsPage,
  'pb-credit': CreditPage,
  'pb-credit-import': CreditImportPage,
  'pb-unexpected': UnexpectedPage,
  'pb-support': SupportPage,
  'pb-reconciliation': ReconciliationPage,
  'pb-daily-closing': DailyClosingPage,
  'pb-shops': ShopsPage,
  'pb-audit-log': AuditLogPage,
  'pb-users': UsersPage,
  'pb-dead-letters': DeadLettersPage,
  'pb-webhooks': WebhooksPage,
  'pb-webhook-deliveries': WebhookDeliveriesPage,
  'pb-connectors': ConnectorsPage,
  'pb-secret-once': SecretOnce,
};
for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
// The root last: its first render finds every page defined.
customElements.define('pb-cruscotto', CruscottoApp);

/** The cruscotto's entry: defines its elements; index.html holds `<pb-cruscotto>`. */
import { CruscottoApp } from './app.js';
import { AuditLogPage } from './pages/audit-log.js';
import { CreditImportPage } from './pages/credit-import.js';
import { CreditPage } from './pages/credit.js';
import { CreditsPage } from './pages/credits.js';
import { DailyClosingPage } from './pages/daily-closing.js';
import { LiveFeed } from './pages/live-feed.js';
import { LoginPage } from './pages/login.js';
import { OverviewPage } from './pages/overview.js';
import { PaymentPage } from './pages/payment.js';
import { PaymentsPage } from './pages/payments.js';
import { ReconciliationPage } from './pages/reconciliation.js';
import { ShopsPage } from './pages/shops.js';
import { SupportPage } from './pages/support.js';
import { TransfersPage } from './pages/transfers.js';
import { UnexpectedPage } from './pages/unexpected.js';
import { UsersPage } from './pages/users.js';

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
};
for (const [name, element] of Object.entries(elements)) customElements.define(name, element);
// The root last: its first render finds every page defined.
customElements.define('pb-cruscotto', CruscottoApp);

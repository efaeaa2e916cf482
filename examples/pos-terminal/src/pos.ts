import {
  expectedAmount,
  formatEuro,
  isPayBoxError,
  lookupQueryFromScan,
  validateFields,
  type Credit,
  type FieldDefinition,
  type PayBox,
  type Payment,
  type WriteOptions,
} from '@pay-box/sdk';
import type { ConsoleIo } from './console-io.js';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const yes = (answer: string | null) => answer !== null && /^(y|yes|s|si|sì)$/i.test(answer);

/** The shop's till: a menu, until the shopkeeper quits or the input ends. */
export async function runPos(payBox: PayBox, io: ConsoleIo): Promise<void> {
  const { agentName, balance } = await payBox.agent.balance();
  io.say(`Pay-Box POS - ${agentName} - float ${formatEuro(balance)}`);
  const actions: Record<string, () => Promise<void>> = {
    '1': () => payNotice(payBox, io),
    '2': () => recordMarketFee(payBox, io),
    '3': () => showFloat(payBox, io),
    '4': () => showDailyReport(payBox, io),
  };
  for (;;) {
    io.say();
    io.say('1 Scan a notice and collect   2 Market stall fee   3 Float   4 Daily report   q Quit');
    const choice = await io.ask('>');
    if (choice === null || choice === 'q') return;
    const action = actions[choice];
    if (!action) {
      io.say('Choose 1, 2, 3, 4 or q.');
      continue;
    }
    try {
      await action();
    } catch (error) {
      // Every SDK error says what to do next; anything else is a bug worth seeing in full.
      if (!isPayBoxError(error)) throw error;
      io.say(`! ${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`);
    }
  }
}

async function payNotice(payBox: PayBox, io: ConsoleIo): Promise<void> {
  const scanned = await io.ask('Scan the QR code or type the notice number:');
  if (scanned === null) return;
  const query = lookupQueryFromScan(scanned);
  if (!query.ok) return io.say(`! ${query.message}`);

  const [credit] = (await payBox.credits.lookup(query.value)).data as [Credit];
  showCredit(io, credit);
  if (credit.status !== 'open') return io.say(`! This credit is ${credit.status}: do not collect any money.`);
  if (!yes(await io.ask(`Collect ${formatEuro(credit.total)} in cash and confirm? [y/N]`))) return io.say('Cancelled: nothing was charged.');

  const payment = await withRetryOnUnknownOutcome(io, (options) => payBox.payments.create({ creditId: credit.id, amount: credit.amount }, options));
  await printReceipt(payBox, io, payment);
}

/**
 * A payment whose answer never arrived may have gone through. Asking again with the same
 * Idempotency-Key is safe: the server returns the original payment instead of paying twice.
 */
async function withRetryOnUnknownOutcome(io: ConsoleIo, pay: (options: WriteOptions) => Promise<Payment>): Promise<Payment> {
  for (let options: WriteOptions = {}; ; ) {
    try {
      return await pay(options);
    } catch (error) {
      const unknownOutcome = isPayBoxError(error) && (error.code === 'network_error' || error.code === 'timeout') && error.idempotencyKey;
      if (!unknownOutcome) throw error;
      io.say(`! ${error.message}`);
      if (!yes(await io.ask('Ask Pay-Box again (it cannot pay twice)? [y/N]'))) throw error;
      options = { idempotencyKey: error.idempotencyKey! };
    }
  }
}

function showCredit(io: ConsoleIo, credit: Credit): void {
  io.say(`  ${credit.service.name}: ${credit.description}`);
  io.say(`  Debtor ${credit.debtor.name} (${credit.debtor.taxCode})${credit.dueDate ? `, due ${credit.dueDate}` : ''}`);
  io.say(`  Amount ${formatEuro(credit.amount)} + fee ${formatEuro(credit.fee)} = TOTAL ${formatEuro(credit.total)}`);
}

async function printReceipt(payBox: PayBox, io: ConsoleIo, payment: Payment): Promise<void> {
  io.say(`Paid: receipt ${payment.receipt.number}, CRO/TRN ${payment.transfer.bankReference ?? 'not yet known (printed "in attesa")'}`);
  io.say(await payBox.receipts.render(payment.receipt.id, { format: 'text58' }));
  const { balance, lowBalance } = await payBox.agent.balance();
  io.say(`Float now ${formatEuro(balance)}${lowBalance ? ' - LOW: top up the float' : ''}`);
}

/** A spuntista's daily stall fee: a credit the comune learns of only now (credito non atteso). */
async function recordMarketFee(payBox: PayBox, io: ConsoleIo): Promise<void> {
  const service = (await payBox.services.list()).data.find((candidate) => candidate.code === 'MERCATO');
  if (!service?.fields || !service.amountRule) return io.say('! This comune takes no market fees at the till.');

  const fields: Record<string, string> = {};
  for (const field of service.fields) {
    const value = await askField(io, field);
    if (value === null) return;
    fields[field.name] = value;
  }
  const taxCode = await io.ask("Operator's codice fiscale or partita IVA:");
  const name = await io.ask("Operator's name:");
  if (taxCode === null || name === null) return;

  const { values } = validateFields(service.fields, fields);
  const amount = expectedAmount(service.amountRule, values) ?? Number(await io.ask('Amount in cents:'));
  if (!yes(await io.ask(`${service.name}: ${formatEuro(amount)} plus the fee. Confirm? [y/N]`))) return io.say('Cancelled: nothing was charged.');

  const { payment } = await payBox.unexpectedCredits.create({ serviceCode: service.code, debtor: { taxCode, name }, fields: values, amount });
  await printReceipt(payBox, io, payment);
}

/** Asks one field until its value passes the service's own definition (options, format, bounds). */
async function askField(io: ConsoleIo, field: FieldDefinition): Promise<string | null> {
  const options = field.options ?? [];
  options.forEach((option, index) => io.say(`  ${index + 1} ${option.label.en}`));
  const fallback = field.type === 'date' ? today() : undefined;
  for (;;) {
    const answer = await io.ask(`${field.label.en}${fallback ? ` [${fallback}]` : ''}${field.hint ? ` (${field.hint.en})` : ''}:`);
    if (answer === null) return null;
    const value = options[Number(answer) - 1]?.value ?? (answer || fallback || '');
    const [issue] = validateFields([field], { [field.name]: value }).issues;
    if (!issue) return value;
    io.say(`! ${field.label.en} ${issue.message}`);
  }
}

async function showFloat(payBox: PayBox, io: ConsoleIo): Promise<void> {
  const { balance, lowBalance, lowBalanceThreshold, today: day } = await payBox.agent.balance();
  io.say(`Float ${formatEuro(balance)}${lowBalance ? ` - below ${formatEuro(lowBalanceThreshold)}: top up` : ''}`);
  io.say(`Today ${day.date}: ${day.payments} payment(s), ${formatEuro(day.collected)} collected, ${formatEuro(day.floatDebited)} from the float`);
}

async function showDailyReport(payBox: PayBox, io: ConsoleIo): Promise<void> {
  const date = (await io.ask(`Day [${today()}]:`)) || today();
  const report = await payBox.agent.report({ date });
  const { payments } = report;
  io.say(`Closing of ${report.date}: ${payments.count} payment(s), cash to hold ${formatEuro(payments.collected)}`);
  for (const line of report.byService) io.say(`  ${line.serviceName}: ${line.count} for ${formatEuro(line.amount)} + fees ${formatEuro(line.fees)}`);
  io.say(`  Fees: shop ${formatEuro(payments.agentFees)}, institution ${formatEuro(payments.institutionFees)}`);
  io.say(`  Float: opening ${formatEuro(report.openingBalance)}, closing ${formatEuro(report.closingBalance)}`);
}

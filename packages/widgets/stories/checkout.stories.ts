import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CheckoutSession } from '@pay-box/sdk';
import { html } from 'lit';
import '../src/define.js';
import { client, FAKE_BASE_URL, serverOf, type Demo, type Network } from './support/demo.js';
import { click, element, fill, findAll, submit, waitFor } from './support/interact.js';
import { backFromCardPage, demoLoaders, demoOf, widgetArgs, widgetArgTypes, type WidgetArgs } from './support/story.js';

interface CheckoutArgs extends WidgetArgs {
  service: string;
}

const checkout = (args: CheckoutArgs, network: Network = 'live', session?: CheckoutSession) =>
  html`<paybox-checkout
    locale=${args.locale}
    theme=${args.theme}
    service=${args.service || ''}
    base-url=${FAKE_BASE_URL}
    .client=${client(args.locale, network, session ? serverOf(session) : undefined)}
  ></paybox-checkout>`;

const meta = {
  title: 'Widgets/Checkout',
  component: 'paybox-checkout',
  args: { ...widgetArgs, service: '' },
  argTypes: { ...widgetArgTypes, service: { control: 'select', options: ['', 'TARI', 'MENSA', 'MULTA', 'MERCATO'] } },
  loaders: demoLoaders,
  render: (args) => checkout(args),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-credit-lookup #notice');
  },
} satisfies Meta<CheckoutArgs>;
export default meta;

type Story = StoryObj<CheckoutArgs>;
type Context = { canvasElement: HTMLElement; loaded: Record<string, unknown> };

/** Back from the acquirer's card page with the session `pick` chooses: the checkout asks the mock how it went. */
const back = (pick: (demo: Demo) => CheckoutSession): Pick<Story, 'beforeEach' | 'render' | 'play'> => ({
  beforeEach: backFromCardPage(pick),
  render: (args, context) => checkout(args, 'live', pick(demoOf(context))),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-checkout [part~="stage"] h2');
  },
});

/** The citizen finds the demo's open credit and picks it: amount, fee, total and the ways to pay. */
const findAndPick = async (context: Context) => {
  await fill(context.canvasElement, '#notice', demoOf(context).openCredit.noticeNumber);
  await submit(context.canvasElement, '#notice');
  await element(context.canvasElement, '[part~="credit"] button');
  await click(context.canvasElement, /^\s*(Paga|Pay) /);
  await element(context.canvasElement, 'paybox-payment [part~="summary"]');
};

const found = async (context: Context) => {
  await fill(context.canvasElement, '#notice', demoOf(context).openCredit.noticeNumber);
  await submit(context.canvasElement, '#notice');
  await element(context.canvasElement, '[part~="credit"]');
};

/** The first step: find what you owe. */
export const Start: Story = {};

/** `service="MULTA"`: the lookup of fines, and the pre-notice form for a fine not registered yet. */
export const FineWithPreNoticeForm: Story = {
  args: { service: 'MULTA' },
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-unexpected-credit form');
  },
};

/** A credit found and picked: how to pay it. */
export const ChooseHowToPay: Story = { play: findAndPick };

/** Back from the card page while the checkout asks the mock how the payment went. */
export const CheckingThePayment: Story = {
  beforeEach: backFromCardPage((demo) => demo.sessions.succeeded),
  render: (args, context) => checkout(args, { hang: /checkout-sessions/ }, demoOf(context).sessions.succeeded),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-checkout [part~="stage"] .status');
  },
};

/** Paid by card: the receipt with the CRO/TRN of the transfer to the comune. */
export const Paid: Story = {
  ...back((demo) => demo.sessions.succeeded),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-receipt [part~="qr"]');
  },
};

/** Paid by card, the bank not answered yet: CRO/TRN "in attesa". */
export const PaidBankReferencePending: Story = {
  ...back((demo) => demo.sessions.succeededPending),
  play: Paid.play,
};

/** The card was declined: nothing charged, retry with another card or search again. */
export const Declined: Story = back((demo) => demo.sessions.declined);

/** The card had insufficient funds. */
export const InsufficientFunds: Story = back((demo) => demo.sessions.insufficientFunds);

/** Paid at a shop while the citizen was on the card page: told so, the card not charged. */
export const AlreadyPaid: Story = back((demo) => demo.sessions.alreadyPaid);

/** No connection when the citizen searches. */
export const NetworkFailure: Story = {
  render: (args) => checkout(args, { fail: /credits\/lookup/ }),
  play: async (context) => {
    await fill(context.canvasElement, '#notice', demoOf(context).openCredit.noticeNumber);
    await submit(context.canvasElement, '#notice');
    await waitFor(() => findAll(context.canvasElement, 'paybox-credit-lookup [role="alert"]').find((alert) => alert.textContent?.trim()), 'the error message');
  },
};

export const ThemeDefault: Story = { args: { theme: 'default' }, play: found };
export const ThemeBootstrapItalia: Story = { args: { theme: 'bootstrap-italia' }, play: found };
export const ThemeDark: Story = { args: { theme: 'dark' }, play: found };
export const LocaleItalian: Story = { args: { locale: 'it' }, play: findAndPick };
export const LocaleEnglish: Story = { args: { locale: 'en' }, play: findAndPick };
export const EnglishDeclined: Story = { ...back((demo) => demo.sessions.declined), args: { locale: 'en' } };
export const DarkEnglishPaid: Story = { ...Paid, args: { locale: 'en', theme: 'dark' } };

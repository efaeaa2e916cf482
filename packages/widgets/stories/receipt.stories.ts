import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { CheckoutSession } from '@pay-box/sdk';
import { html } from 'lit';
import '../src/define.js';
import { client, FAKE_BASE_URL, serverOf, type Demo, type Network } from './support/demo.js';
import { element, findAll, waitFor } from './support/interact.js';
import { demoLoaders, demoOf, widgetArgs, widgetArgTypes, type WidgetArgs } from './support/story.js';

interface ReceiptArgs extends WidgetArgs {
  paper: 'a4' | '80mm';
}

type Context = { canvasElement: HTMLElement; loaded: Record<string, unknown> };

/** The receipt of a card payment made on the mock with the sandbox acquirer's test card. */
const receipt = (args: ReceiptArgs, session: CheckoutSession, network: Network = 'live') =>
  html`<paybox-receipt
    locale=${args.locale}
    theme=${args.theme}
    paper=${args.paper}
    base-url=${FAKE_BASE_URL}
    .client=${client(args.locale, network, serverOf(session))}
    .session=${session}
  ></paybox-receipt>`;

const withSession = (pick: (demo: Demo) => CheckoutSession, network?: Network) => (args: ReceiptArgs, context: Context) => receipt(args, pick(demoOf(context)), network);

const meta = {
  title: 'Widgets/Receipt',
  component: 'paybox-receipt',
  args: { ...widgetArgs, paper: 'a4' },
  argTypes: { ...widgetArgTypes, paper: { control: 'inline-radio', options: ['a4', '80mm'], description: '`paper`: the print layout' } },
  loaders: demoLoaders,
  render: withSession((demo) => demo.sessions.succeeded),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-receipt [part~="qr"]');
  },
} satisfies Meta<ReceiptArgs>;
export default meta;

type Story = StoryObj<ReceiptArgs>;

/** Paid by card, the transfer to the comune settled: the receipt carries its CRO/TRN. */
export const WithBankReference: Story = {};

/** Paid by card, the bank has not answered yet: CRO/TRN "in attesa" (the mock's bank holds its answers). */
export const BankReferencePending: Story = { render: withSession((demo) => demo.sessions.succeededPending) };

/** For an 80 mm receipt printer (see it with the print media emulated). */
export const Paper80mm: Story = { args: { paper: '80mm' } };

/** The PDF asked for with no connection: said, and the receipt stays. */
export const PdfNetworkFailure: Story = {
  render: withSession((demo) => demo.sessions.succeeded, 'offline'),
  play: async ({ canvasElement }) => {
    const buttons = await waitFor(() => findAll<HTMLButtonElement>(canvasElement, 'paybox-receipt [part~="button"]').at(-1), 'the PDF button');
    buttons.click();
    await waitFor(() => findAll(canvasElement, 'paybox-receipt [role="alert"]').find((alert) => alert.textContent?.trim()), 'the error message');
  },
};

/** No session given: nothing but the (empty) live region. */
export const NoSession: Story = {
  render: (args) => html`<paybox-receipt locale=${args.locale} theme=${args.theme} .client=${client(args.locale)}></paybox-receipt>`,
  play: async () => {},
};

export const English: Story = { args: { locale: 'en' } };
export const EnglishBankReferencePending: Story = { args: { locale: 'en' }, render: BankReferencePending.render };
export const ThemeBootstrapItalia: Story = { args: { theme: 'bootstrap-italia' } };
export const ThemeDark: Story = { args: { theme: 'dark' } };

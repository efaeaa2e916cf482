import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { client, type Network } from './support/demo.js';
import { element, findAll, waitFor } from './support/interact.js';
import { demoLoaders, demoOf, widgetArgs, widgetArgTypes, type WidgetArgs } from './support/story.js';

type Context = { canvasElement: HTMLElement; loaded: Record<string, unknown> };

/** The payment of the demo's open credit (found by its notice number on the mock), on the given network. */
const payment = (args: WidgetArgs, context: Context, network: Network = 'live') =>
  html`<paybox-payment locale=${args.locale} theme=${args.theme} .client=${client(args.locale, network)} .credit=${demoOf(context).openCredit}></paybox-payment>`;

const meta = {
  title: 'Widgets/Payment',
  component: 'paybox-payment',
  args: widgetArgs,
  argTypes: widgetArgTypes,
  loaders: demoLoaders,
  render: (args, context) => payment(args, context),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-payment [part~="summary"]');
  },
} satisfies Meta<WidgetArgs>;
export default meta;

type Story = StoryObj<WidgetArgs>;

const cardButton = (canvas: HTMLElement) => element<HTMLButtonElement>(canvas, 'paybox-payment [part~="button"]:not([aria-controls])');
const cashButton = (canvas: HTMLElement) => element<HTMLButtonElement>(canvas, 'paybox-payment [aria-controls="cash"]');
const alertSays = (canvas: HTMLElement) => waitFor(() => findAll(canvas, 'paybox-payment [role="alert"]').find((alert) => alert.textContent?.trim()), 'the error message');

/** Amount, fee and total, and the two ways to pay. */
export const ChooseHowToPay: Story = {};

/** Cash at a shop: the notice's QR code to show at the counter, and the comune's shops with their hours. */
export const CashAtAShop: Story = {
  play: async ({ canvasElement }) => {
    (await cashButton(canvasElement)).click();
    await element(canvasElement, '[part~="point"]');
  },
};

/** Cash chosen while the shops are still loading. */
export const CashLoadingShops: Story = {
  render: (args, context) => payment(args, context, { hang: /\/v1\/points/ }),
  play: async ({ canvasElement }) => {
    (await cashButton(canvasElement)).click();
    await element(canvasElement, '[part~="qr"]');
  },
};

/** Card chosen: the session is being made before the browser goes to the acquirer's page. */
export const GoingToTheCardPage: Story = {
  render: (args, context) => payment(args, context, { hang: /checkout-sessions/ }),
  play: async ({ canvasElement }) => {
    (await cardButton(canvasElement)).click();
    await element(canvasElement, 'paybox-payment button[disabled]');
  },
};

/** Card chosen with no connection: said in the citizen's language; the button works again. */
export const CardNetworkFailure: Story = {
  render: (args, context) => payment(args, context, { fail: /checkout-sessions/ }),
  play: async ({ canvasElement }) => {
    (await cardButton(canvasElement)).click();
    await alertSays(canvasElement);
  },
};

/** No credit given yet: nothing but the (empty) live region. */
export const NoCredit: Story = {
  render: (args) => html`<paybox-payment locale=${args.locale} theme=${args.theme} .client=${client(args.locale)}></paybox-payment>`,
  play: async () => {},
};

export const English: Story = { args: { locale: 'en' }, play: CashAtAShop.play };
export const ThemeBootstrapItalia: Story = { args: { theme: 'bootstrap-italia' }, play: CashAtAShop.play };
export const ThemeDark: Story = { args: { theme: 'dark' }, play: CashAtAShop.play };

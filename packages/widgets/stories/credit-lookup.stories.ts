import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { client, UNKNOWN_NOTICE, type Network } from './support/demo.js';
import { check, element, fill, submit, waitFor, findAll } from './support/interact.js';
import { demoLoaders, demoOf, widgetArgs, widgetArgTypes, type WidgetArgs } from './support/story.js';

interface LookupArgs extends WidgetArgs {
  service: string;
}

/** The lookup on the mock; `network` decides what the mock's connection does for this story. */
const lookup = (args: LookupArgs, network: Network = 'live') =>
  html`<paybox-credit-lookup locale=${args.locale} theme=${args.theme} service=${args.service || ''} .client=${client(args.locale, network)}></paybox-credit-lookup>`;

const meta = {
  title: 'Widgets/Credit lookup',
  component: 'paybox-credit-lookup',
  args: { ...widgetArgs, service: '' },
  argTypes: { ...widgetArgTypes, service: { control: 'select', options: ['', 'TARI', 'MENSA', 'MULTA', 'MERCATO'] } },
  loaders: demoLoaders,
  render: (args) => lookup(args),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-credit-lookup #notice');
  },
} satisfies Meta<LookupArgs>;
export default meta;

type Story = StoryObj<LookupArgs>;

/** Search a notice number by one of its credits: the debtor is masked, as for anyone with the publishable key. */
const searchNotice = (noticeNumber: (context: { loaded: Record<string, unknown> }) => string) =>
  async (context: { canvasElement: HTMLElement; loaded: Record<string, unknown> }) => {
    await fill(context.canvasElement, '#notice', noticeNumber(context));
    await submit(context.canvasElement, '#notice');
  };

/** Waits for the credits found. */
const results = (canvas: HTMLElement) => element(canvas, '[part~="credit"]');

/** Waits for the live region to say what went wrong. */
const alertSays = (canvas: HTMLElement) => waitFor(() => findAll(canvas, 'paybox-credit-lookup')[0]?.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim(), 'the error message');

/** The empty form: notice number or QR text, or tax code and service. */
export const Ready: Story = {};

/** A search on its way: the button is disabled and the status says so. */
export const Searching: Story = {
  render: (args) => lookup(args, { hang: /credits\/lookup/ }),
  play: async (context) => {
    await searchNotice((c) => demoOf(c).openCredit.noticeNumber)(context);
    await element(context.canvasElement, 'button[type="submit"][disabled]');
  },
};

/** One credit found by its notice number, ready to pay. */
export const Found: Story = {
  play: async (context) => {
    await searchNotice((c) => demoOf(c).openCredit.noticeNumber)(context);
    await results(context.canvasElement);
  },
};

/** A debtor's TARI credits found by tax code and service, names masked. */
export const FoundByTaxCode: Story = {
  play: async (context) => {
    const canvas = context.canvasElement;
    await check(canvas, 'input[type="radio"][name="searchBy"]:not(:checked)');
    await fill(canvas, '#taxCode', demoOf(context).debtorTaxCode);
    await fill(canvas, '#serviceCode', 'TARI');
    await submit(canvas, '#taxCode');
    await results(canvas);
  },
};

/** Nothing to pay: the tax code has no open credit for the service. */
export const Empty: Story = {
  play: async (context) => {
    const canvas = context.canvasElement;
    await check(canvas, 'input[type="radio"][name="searchBy"]:not(:checked)');
    await fill(canvas, '#taxCode', demoOf(context).debtorTaxCode);
    await fill(canvas, '#serviceCode', 'MERCATO');
    await submit(canvas, '#taxCode');
    await waitFor(() => findAll(canvas, 'paybox-credit-lookup [part~="status"]').find((status) => status.textContent?.trim()), 'the status saying nothing was found');
  },
};

/** A notice number that checks but the comune does not have. */
export const NotFound: Story = {
  play: async (context) => {
    await searchNotice(() => UNKNOWN_NOTICE)(context);
    await alertSays(context.canvasElement);
  },
};

/** A notice number whose check digits are wrong: refused before any request, the field marked. */
export const WrongCheckDigits: Story = {
  play: async (context) => {
    await searchNotice((c) => {
      const notice = demoOf(c).openCredit.noticeNumber;
      return `${notice.slice(0, -1)}${(Number(notice.at(-1)) + 1) % 10}`;
    })(context);
    await element(context.canvasElement, '#notice[aria-invalid="true"]');
  },
};

/** The notice was paid already (at a shop): shown, with no pay button. */
export const AlreadyPaid: Story = {
  play: async (context) => {
    await searchNotice((c) => demoOf(c).paidCredit.noticeNumber)(context);
    await results(context.canvasElement);
  },
};

/** The connection drops during the search: said in the citizen's language; searching again works. */
export const NetworkFailure: Story = {
  render: (args) => lookup(args, { fail: /credits\/lookup/ }),
  play: async (context) => {
    await searchNotice((c) => demoOf(c).openCredit.noticeNumber)(context);
    await alertSays(context.canvasElement);
  },
};

/** `service="TARI"`: only that service's credits, and only it in the list of services. */
export const OneService: Story = {
  args: { service: 'TARI' },
  play: FoundByTaxCode.play,
};

export const English: Story = { args: { locale: 'en' }, play: Found.play };
export const EnglishNotFound: Story = { args: { locale: 'en' }, play: NotFound.play };
export const ThemeBootstrapItalia: Story = { args: { theme: 'bootstrap-italia' }, play: Found.play };
export const ThemeDark: Story = { args: { theme: 'dark' }, play: Found.play };

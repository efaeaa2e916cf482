import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';
import { client, type Network } from './support/demo.js';
import { element, fill, findAll, romeDay, submit, waitFor } from './support/interact.js';
import { widgetArgs, widgetArgTypes, type WidgetArgs } from './support/story.js';

interface UnexpectedArgs extends WidgetArgs {
  service: string;
}

const form = (args: UnexpectedArgs, network: Network = 'live') =>
  html`<paybox-unexpected-credit locale=${args.locale} theme=${args.theme} service=${args.service} .client=${client(args.locale, network)}></paybox-unexpected-credit>`;

const meta = {
  title: 'Widgets/Unexpected credit',
  component: 'paybox-unexpected-credit',
  args: { ...widgetArgs, service: 'MULTA' },
  argTypes: { ...widgetArgTypes, service: { control: 'inline-radio', options: ['MULTA', 'MERCATO', 'TARI'] } },
  render: (args) => form(args),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-unexpected-credit form');
  },
} satisfies Meta<UnexpectedArgs>;
export default meta;

type Story = StoryObj<UnexpectedArgs>;

const alertSays = (canvas: HTMLElement) => waitFor(() => findAll(canvas, 'paybox-unexpected-credit [role="alert"]').find((alert) => alert.textContent?.trim()), 'the error message');

/** The payer's name and tax code, where the form asks for them. */
const payer = async (canvas: HTMLElement) => {
  if (findAll(canvas, '#field-debtorName').length) await fill(canvas, '#field-debtorName', 'Mario Rossi');
  if (findAll(canvas, '#field-debtorTaxCode').length) await fill(canvas, '#field-debtorTaxCode', 'RSSMRA85T10H501O');
};

/** Waits until the form shows the amount its rule computes (an amount has digits; "appears when complete" has none). */
const amountShown = (canvas: HTMLElement) => waitFor(() => findAll(canvas, 'paybox-unexpected-credit [part~="summary"]').find((summary) => /\d/.test(summary.textContent ?? '')), 'the amount');

/** A pre-notice left on the windscreen, paid before the fine exists: its fields filled, the violation (no parking, EUR 42.00) `daysAgo` days ago. */
const preNotice = (daysAgo: number) => async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await fill(canvasElement, '#field-preNoticeNumber', 'PA-2026/0042');
  await fill(canvasElement, '#field-plate', 'AB123CD');
  await fill(canvasElement, '#field-date', romeDay(daysAgo));
  await fill(canvasElement, '#field-place', 'Via Roma 1');
  await fill(canvasElement, '#field-violation', 'ART158-SOSTA');
  await payer(canvasElement);
  await amountShown(canvasElement);
};

/** The traffic-fine pre-notice form (MULTA), empty: the amount appears once the data is complete. */
export const PreNoticeForm: Story = {};

/** Paid within 5 days of the violation: 30% off (art. 202 CdS), EUR 42.00 becomes EUR 29.40. */
export const PreNoticeWithin5Days: Story = { play: preNotice(2) };

/** Ten days after the violation: the full amount of the comune's table. */
export const PreNoticeAfter5Days: Story = { play: preNotice(10) };

/** Sent empty: every missing field marked and named, the count announced, the focus on the first. */
export const PreNoticeMissingFields: Story = {
  play: async ({ canvasElement }) => {
    await submit(canvasElement, '#field-plate');
    await element(canvasElement, '[aria-invalid="true"]');
    await alertSays(canvasElement);
  },
};

/** A market stall for the day (MERCATO): EUR 1.50 per square metre, rounded up. */
export const MarketStall: Story = {
  args: { service: 'MERCATO' },
  play: async ({ canvasElement }) => {
    await fill(canvasElement, '#field-market', 'GIOVEDI-CENTRO');
    await fill(canvasElement, '#field-date', romeDay(0));
    await fill(canvasElement, '#field-stallNumber', 'B12');
    await fill(canvasElement, '#field-squareMeters', '12.5');
    await fill(canvasElement, '#field-sector', 'ALIMENTARE');
    await fill(canvasElement, '#field-licenceNumber', 'AUT-2019-0042');
    await payer(canvasElement);
    await amountShown(canvasElement);
  },
};

/** A service that takes no unexpected credits (TARI): said, no form. */
export const ServiceNotOffered: Story = {
  args: { service: 'TARI' },
  play: async ({ canvasElement }) => {
    await alertSays(canvasElement);
  },
};

/** The services still loading: only the (empty) live region. */
export const Loading: Story = {
  render: (args) => form(args, { hang: /\/v1\/services/ }),
  play: async ({ canvasElement }) => {
    await element(canvasElement, 'paybox-unexpected-credit [role="alert"]');
  },
};

/** The services could not be loaded: no connection. */
export const NetworkFailure: Story = {
  render: (args) => form(args, 'offline'),
  play: async ({ canvasElement }) => {
    await alertSays(canvasElement);
  },
};

export const English: Story = { args: { locale: 'en' }, play: preNotice(2) };
export const EnglishMissingFields: Story = { args: { locale: 'en' }, play: PreNoticeMissingFields.play };
export const ThemeBootstrapItalia: Story = { args: { theme: 'bootstrap-italia' }, play: PreNoticeMissingFields.play };
export const ThemeDark: Story = { args: { theme: 'dark' }, play: PreNoticeMissingFields.play };

/** What the stories share: the args every widget takes (language and theme), the mock's demo, the way back from the card page. */
import type { CheckoutSession } from '@pay-box/sdk';
import { loadDemo, type Demo, type Locale, type Theme } from './demo.js';

export interface WidgetArgs {
  locale: Locale;
  theme: Theme;
}

/** Italian and the default theme unless a story says otherwise; both can be switched in Storybook's controls. */
export const widgetArgs: WidgetArgs = { locale: 'it', theme: 'default' };

export const widgetArgTypes = {
  locale: { control: 'inline-radio', options: ['it', 'en'], description: '`locale`: the language of every widget on the page' },
  theme: { control: 'inline-radio', options: ['default', 'bootstrap-italia', 'dark'], description: '`theme`: one of the three presets' },
} as const;

/** Loads the mock's demo (credits, card payments) before the story renders: `context.loaded.demo`. */
export const demoLoaders = [async () => ({ demo: await loadDemo() })];

export const demoOf = (context: { loaded: Record<string, unknown> }): Demo => context.loaded['demo'] as Demo;

/**
 * Puts the page where the card page sends the citizen back (`?paybox_checkout=<session id>`), for
 * `<paybox-checkout>` to find the session as it connects; the story's cleanup takes the page back.
 */
export function backFromCardPage(pick: (demo: Demo) => CheckoutSession) {
  return async () => {
    const session = pick(await loadDemo());
    setReturnParameter(session.id);
    return () => setReturnParameter(null);
  };
}

function setReturnParameter(sessionId: string | null): void {
  const url = new URL(location.href);
  if (sessionId) url.searchParams.set('paybox_checkout', sessionId);
  else url.searchParams.delete('paybox_checkout');
  history.replaceState(history.state, '', url);
}

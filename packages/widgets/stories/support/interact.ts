/**
 * What a story's `play` does, with the DOM alone (no testing library), so the same stories run in
 * Storybook and in the package's Chromium test: find inside shadow roots, type, choose, submit, wait.
 */

/**
 * Every element under `root` matching `selector`, shadow roots included, in document order. A selector
 * that starts with a widget's tag (`paybox-receipt [part~="qr"]`) looks inside that widget's shadow root.
 */
export function findAll<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const scoped = /^(paybox-[a-z-]+)\s+(.+)$/.exec(selector);
  if (scoped) return findAll(root, scoped[1]!).flatMap((host) => (host.shadowRoot ? findAll<E>(host.shadowRoot, scoped[2]!) : []));
  const found: E[] = [];
  const visit = (node: ParentNode) => {
    for (const element of Array.from(node.querySelectorAll('*'))) {
      if (element.matches(selector)) found.push(element as E);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(root);
  return found;
}

/** Waits until `find` returns something truthy (5 s at most), and returns it. */
export async function waitFor<T>(find: () => T | null | undefined | false | '', what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = find();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`story: waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The first element matching `selector` under `root`, shadow roots included, once it is there. */
export function element<E extends Element = HTMLElement>(root: ParentNode, selector: string): Promise<E> {
  return waitFor(() => findAll<E>(root, selector)[0], selector);
}

/** Waits until some element matching `selector` has `text` in its text. */
export function text(root: ParentNode, selector: string, text: string | RegExp): Promise<HTMLElement> {
  const matches = (content: string) => (typeof text === 'string' ? content.includes(text) : text.test(content));
  return waitFor(() => findAll(root, selector).find((found) => matches(found.textContent ?? '')), `${selector} saying ${String(text)}`);
}

/** Types into an input (or chooses in a select) as a person would: `input` and `change` events, which cross shadow roots. */
export async function fill(root: ParentNode, selector: string, value: string): Promise<void> {
  const field = await element<HTMLInputElement | HTMLSelectElement>(root, selector);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Clicks the first button whose text contains `label`. */
export async function click(root: ParentNode, label: string | RegExp): Promise<void> {
  const button = await text(root, 'button', label);
  button.click();
}

/** Submits the form that holds the element matching `selector`, as Enter would. */
export async function submit(root: ParentNode, selector: string): Promise<void> {
  const field = await element<HTMLInputElement>(root, selector);
  field.form!.requestSubmit();
}

/** Clicks a radio button or checkbox matched by `selector`. */
export async function check(root: ParentNode, selector: string): Promise<void> {
  (await element<HTMLInputElement>(root, selector)).click();
}

/** A calendar day in Rome, `days` before today: what a date field takes. */
export function romeDay(daysAgo: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

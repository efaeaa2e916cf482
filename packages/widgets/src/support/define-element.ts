/**
 * Defines a custom element unless the page already has one by that name (a second copy of the
 * widgets, or the script tag included twice): then it warns and keeps the first, where
 * `customElements.define` would throw and stop the page's script.
 */
export function defineElement(name: string, element: CustomElementConstructor): void {
  const existing = customElements.get(name);
  if (existing) {
    if (existing !== element) console.warn(`@pay-box/widgets: <${name}> is already defined on this page; keeping the first definition.`);
    return;
  }
  customElements.define(name, element);
}

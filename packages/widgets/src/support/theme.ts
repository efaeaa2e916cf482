import { css } from 'lit';

/**
 * The look every widget shares. Public custom properties (`--paybox-*`) are read with a default, never
 * set on :host, so a value set on an outer widget (or the page) reaches the inner ones through the
 * shadow roots; the presets set them only where a `theme` attribute asks for one. Defaults meet WCAG AA
 * contrast: text 4.5:1 on its surface, the primary colour against white and its "on" colour.
 */
export const themeStyles = css`
  :host([theme='bootstrap-italia']) {
    --paybox-font-family: 'Titillium Web', Geneva, Tahoma, sans-serif;
    --paybox-color-primary: #0066cc;
    --paybox-color-on-primary: #ffffff;
    --paybox-color-text: #1a1a1a;
    --paybox-color-muted: #5c6f82;
    --paybox-color-border: #5c6f82;
    --paybox-color-error: #cc334d;
    --paybox-color-success: #008055;
    --paybox-radius: 4px;
  }
  :host([theme='dark']) {
    --paybox-color-primary: #8ab8ff;
    --paybox-color-on-primary: #0b1220;
    --paybox-color-surface: #121821;
    --paybox-color-surface-raised: #1c2430;
    --paybox-color-text: #eef2f7;
    --paybox-color-muted: #b4c0cf;
    --paybox-color-border: #8a98aa;
    --paybox-color-error: #ff9a9a;
    --paybox-color-success: #7fdca4;
    color-scheme: dark;
  }
  :host {
    --_primary: var(--paybox-color-primary, #0b5cad);
    --_on-primary: var(--paybox-color-on-primary, #ffffff);
    --_surface: var(--paybox-color-surface, #ffffff);
    --_raised: var(--paybox-color-surface-raised, #f3f6f9);
    --_text: var(--paybox-color-text, #1b2430);
    --_muted: var(--paybox-color-muted, #4d5b6b);
    --_border: var(--paybox-color-border, #6b7785);
    --_error: var(--paybox-color-error, #b3261e);
    --_success: var(--paybox-color-success, #1e7b34);
    --_radius: var(--paybox-radius, 6px);
    --_space: var(--paybox-space, 1rem);
    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font-family: var(--paybox-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--paybox-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3 {
    margin: 0 0 calc(var(--_space) / 2);
    line-height: 1.25;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.05em;
  }
  p {
    margin: 0 0 calc(var(--_space) / 2);
  }
  form,
  section {
    display: grid;
    gap: var(--_space);
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  label {
    font-weight: 600;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9em;
    margin: 0;
  }
  input,
  select {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem 0.75rem;
    min-height: 2.75rem;
    width: 100%;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  button,
  a.button {
    font: inherit;
    font-weight: 600;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
    cursor: pointer;
    text-decoration: none;
    max-width: 100%;
    white-space: normal;
    text-align: center;
  }
  button.secondary,
  a.button.secondary {
    background: transparent;
    color: var(--_text);
  }
  button[disabled] {
    cursor: progress;
    opacity: 0.75;
  }
  :focus-visible {
    outline: 3px solid var(--_primary);
    outline-offset: 2px;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.25rem;
  }
  .choices label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
    min-height: 2.75rem;
  }
  .choices input {
    width: 1.25rem;
    min-height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  .error {
    color: var(--_error);
    font-weight: 600;
    margin: 0;
  }
  /* An empty live region stays in the page (a hidden one is not announced when text arrives); empty, it takes no room. */
  .error:not(:empty)::before {
    content: '⚠ ';
  }
  .status {
    margin: 0;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_raised);
    padding: var(--_space);
    display: grid;
    gap: 0.5rem;
    overflow-wrap: anywhere;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(0, max-content) minmax(0, 1fr);
    gap: 0.25rem 1rem;
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .total {
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

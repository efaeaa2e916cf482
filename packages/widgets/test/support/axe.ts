import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands, shadow roots included; loaded from the page's own origin, as its CSP allows. */
export async function wcagViolations(page: Page): Promise<Array<{ id: string; impact: string; targets: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: '/test-scripts/axe.min.js' });
  const violations = await page.evaluate(() =>
    (window as unknown as { axe: { run(options: object): Promise<{ violations: unknown[] }> } }).axe
      .run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      .then((result) => result.violations),
  );
  return (violations as AxeViolation[]).map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => JSON.stringify(node.target)) }));
}

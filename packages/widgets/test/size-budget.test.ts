import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWidgets } from '../scripts/bundle.mjs';
import { DROP_IN_BUDGET, loads } from '../scripts/check-size.mjs';

describe('the script-tag build', () => {
  it('loads <paybox-checkout> within 25 KB min+gz, the QR encoder and English only when used', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'paybox-widgets-size-'));
    try {
      const { metafile } = await bundleWidgets({ outdir, tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
      const { initial, later } = loads(metafile, 'paybox-widgets.ts');
      expect(initial).toBeLessThanOrEqual(DROP_IN_BUDGET);
      expect(later.map((chunk) => chunk.path.replace(/^.*\/|-\w+\.js$/g, '')).sort()).toEqual(['en', 'qr-encoder']);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

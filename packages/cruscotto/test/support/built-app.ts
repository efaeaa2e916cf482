import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const builtPage = join(packageDir, 'dist', 'index.html');
const lock = join(packageDir, '.build.lock');
const STALE_LOCK_MS = 30_000;

/** The newest change to what the build reads. */
function newestSource(): number {
  const files = [join(packageDir, 'index.html'), join(packageDir, 'vite.config.ts'), ...readdirSync(join(packageDir, 'src'), { recursive: true, encoding: 'utf8' }).map((name) => join(packageDir, 'src', name))];
  return Math.max(...files.map((file) => statSync(file).mtimeMs));
}

const upToDate = () => existsSync(builtPage) && statSync(builtPage).mtimeMs >= newestSource();

/**
 * The app as `npm run build` makes it, built again when its sources changed since (the server serves
 * whatever dist/ holds). Test files run side by side: one builds while the others wait for it.
 */
export async function builtApp(): Promise<void> {
  for (const deadline = Date.now() + 60_000; !upToDate(); ) {
    let held: number | undefined;
    try {
      held = openSync(lock, 'wx');
    } catch {
      // A build takes a second or two: a lock much older is left by a run that was killed.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      if (Date.now() > deadline) throw new Error(`the cruscotto's build lock ${lock} is held too long: remove it if no test runs`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!upToDate()) await build({ root: packageDir, logLevel: 'warn' });
    } finally {
      closeSync(held);
      rmSync(lock, { force: true });
    }
  }
}

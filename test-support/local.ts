import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** What the tests and the benchmarks share about where they run: the repository's folder, and free ports. */
export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

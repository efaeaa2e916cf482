/**
 * What a user installs: builds the repository (unless its build is newer than every source), packs
 * every publishable package with `npm pack`, installs the tarballs (and nothing else of ours) into an
 * empty project, then imports every entry of every exports map with ESM and with CommonJS, runs the
 * server's command, type-checks a user's file under NodeNext, and runs the SDK's mock and the
 * server from the installed files. The other tests
 * alias the packages to their sources (vitest.config.ts), so only this one sees dist/, the exports
 * maps, "files" and the declared dependencies.
 *
 * It lives in the reference server's tests because the server is the top of the dependency graph:
 * its tarball needs all the others (api, engine, contract), and it is the package with a `bin`.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const execFileAsync = promisify(execFile);

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  workspaces?: string[];
  sideEffects?: boolean | string[];
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

// The publishable packages: the root's workspaces under packages/ that are not private. The entries
// are read from the sources' package.json to name the tests; the imports resolve against the installed ones.
const publishable = readJson<PackageJson>(join(repoRoot, 'package.json'))
  .workspaces!.filter((workspace) => workspace.startsWith('packages/'))
  .map((workspace) => readJson<PackageJson>(join(repoRoot, workspace, 'package.json')))
  .filter((pkg) => !pkg.private);
// Modules, not files served as they are (the widgets' script-tag build and their manifest, checked
// for presence below, run in a browser). An entry listed in `sideEffects` may export nothing: importing
// it is what it is for (the widgets' `./define` registers the elements).
const entries = publishable.flatMap((pkg) =>
  Object.entries(pkg.exports ?? {})
    .filter(([subpath]) => subpath !== './package.json' && !/\.(js|json)$/.test(subpath))
    .map(([subpath, target]) => ({
      specifier: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
      sideEffectOnly: Array.isArray(pkg.sideEffects) && pkg.sideEffects.includes(typeof target === 'string' ? target : String((target as { default?: string }).default)),
    })),
);
const specifiers = entries.map((entry) => entry.specifier);
const mayExportNothing = new Set(entries.filter((entry) => entry.sideEffectOnly).map((entry) => entry.specifier));

/** The child processes get neither npm's variables from an enclosing `npm test` (its prefix, its workspace) nor NODE_OPTIONS. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'NODE_OPTIONS'));
  return { ...env, ...extra };
}

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<Ran> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr || failed.message };
  }
}

/** Runs a command that must succeed; its output is in the error when it does not. */
async function mustRun(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}) in ${cwd}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * better-sqlite3's install script (prebuild-install, else node-gyp) downloads a prebuilt binary from
 * GitHub or compiles SQLite, which takes minutes where GitHub is out of reach. The repository's own
 * install already built the same version for this Node: offered to prebuild-install as a local
 * prebuild, it is unpacked and loaded by the install script as a download would be. When the versions
 * differ, the name does not match and the install script does what it does for any user.
 */
async function offerLocalPrebuild(dir: string): Promise<Record<string, string>> {
  const sqliteDir = join(repoRoot, 'node_modules', 'better-sqlite3');
  const binary = join(sqliteDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) return {};
  const { version } = readJson<PackageJson>(join(sqliteDir, 'package.json'));
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  const libc = process.platform === 'linux' && !report?.header?.glibcVersionRuntime ? 'musl' : '';
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`;
  mkdirSync(dir, { recursive: true });
  const packed = await run('tar', ['-czf', join(dir, name), '-C', sqliteDir, 'build/Release/better_sqlite3.node'], repoRoot);
  return packed.code === 0 ? { npm_config_better_sqlite3_local_prebuilds: dir } : {};
}

let work: string;
let project: string;
let tarballs: Record<string, string>;
let installed: Record<string, PackageJson>;

const node = (args: string[], env?: NodeJS.ProcessEnv) => run(process.execPath, args, project, env);

/** Newest and oldest modification times of the files under `dir`, leaving out the entries named in `skip` and hidden ones (caches, a test run's server build). */
function modifiedTimes(dir: string, skip: ReadonlySet<string>): { newest: number; oldest: number } {
  let newest = 0;
  let oldest = Infinity;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip.has(entry.name) || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const times = modifiedTimes(path, skip);
      newest = Math.max(newest, times.newest);
      oldest = Math.min(oldest, times.oldest);
    } else {
      const { mtimeMs } = statSync(path);
      newest = Math.max(newest, mtimeMs);
      oldest = Math.min(oldest, mtimeMs);
    }
  }
  return { newest, oldest };
}

/** What a package's build does not read: its output (the widgets' manifest too), its tests, its stories and benchmarks. */
const notBuildInputs = new Set(['dist', 'custom-elements.json', 'node_modules', 'test', 'stories', 'bench', 'storybook-static']);
const rootBuildInputs = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsup.library.ts'];

/**
 * True when every package under packages/ was built after the last change to what its build reads,
 * as after `npm ci` (whose `prepare` builds): the build takes two minutes, and this test tests the
 * build, whichever run made it. After a change to a source, the test builds again.
 */
function distIsCurrent(): boolean {
  const sharedInputs = Math.max(...rootBuildInputs.map((file) => statSync(join(repoRoot, file)).mtimeMs));
  return readdirSync(join(repoRoot, 'packages')).every((name) => {
    const dir = join(repoRoot, 'packages', name);
    if (!existsSync(join(dir, 'dist'))) return false;
    const built = modifiedTimes(join(dir, 'dist'), new Set()).oldest;
    return built > Math.max(sharedInputs, modifiedTimes(dir, notBuildInputs).newest);
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'pay-box-packed-'));
  if (!distIsCurrent()) await mustRun('npm', ['run', 'build'], repoRoot);

  const packDir = join(work, 'tarballs');
  mkdirSync(packDir);
  // --ignore-scripts: the build above is the one being tested; packing must not rebuild.
  const workspaces = publishable.flatMap((pkg) => ['-w', pkg.name]);
  const packed = JSON.parse(await mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir, ...workspaces], repoRoot)) as { name: string; filename: string }[];
  tarballs = Object.fromEntries(packed.map((tarball) => [tarball.name, join(packDir, tarball.filename)]));

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pay-box-user', version: '1.0.0', private: true, type: 'module', allowScripts: { 'better-sqlite3': true, msw: false } }, null, 2),
  );
  // All the tarballs in one install: they depend on each other at 0.1.0, so npm links them to each other.
  // Third-party dependencies come from the registry (or npm's cache); msw is the SDK's optional peer, for ./mock/msw;
  // @types/node is what a Node project in TypeScript has.
  const prebuild = await offerLocalPrebuild(join(work, 'prebuilds'));
  await mustRun(
    'npm',
    ['install', ...Object.values(tarballs), 'msw@2', '@types/node@20', '--no-audit', '--no-fund', '--prefer-offline'],
    project,
    cleanEnv(prebuild),
  );
  installed = Object.fromEntries(publishable.map((pkg) => [pkg.name, readJson<PackageJson>(join(project, 'node_modules', pkg.name, 'package.json'))]));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm install of the packed tarballs', () => {
  it('packs the six publishable packages', () => {
    expect(Object.keys(tarballs).sort()).toEqual(['@pay-box/api', '@pay-box/contract', '@pay-box/engine', '@pay-box/reference-server', '@pay-box/sdk', '@pay-box/widgets']);
  });

  it('installs every @pay-box package once, from its tarball, never from the registry', () => {
    const lock = readJson<{ packages: Record<string, { version?: string; resolved?: string }> }>(join(project, 'package-lock.json'));
    const ours = Object.entries(lock.packages).filter(([path]) => path.includes('node_modules/@pay-box/'));
    expect(ours.map(([path]) => path).sort()).toEqual(publishable.map((pkg) => `node_modules/${pkg.name}`).sort());
    for (const [, entry] of ours) {
      expect(entry.version).toBe('0.1.0');
      expect(entry.resolved).toMatch(/^file:.*\.tgz$/);
    }
  });

  it.each(publishable.map((pkg) => pkg.name))('%s: every file its package.json points at is in the tarball', (name) => {
    const pkg = installed[name]!;
    const targets = new Set<string>();
    const collect = (value: unknown): void => {
      if (typeof value === 'string') targets.add(value);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect([pkg.main, pkg.module, pkg.types, pkg.bin, pkg.exports]);
    const missing = [...targets].filter((target) => !existsSync(join(project, 'node_modules', name, target)));
    expect(missing).toEqual([]);
    // The tests name their entries from the sources' package.json: the packed one must be the same.
    expect(pkg.exports).toEqual(publishable.find((source) => source.name === name)!.exports);
  });
});

describe('importing each entry of the exports maps from the installed packages', () => {
  const esmNames = new Map<string, string[]>();

  it.each(specifiers)("import('%s') in an ES module gives its exports", async (specifier) => {
    const result = await node(['--input-type=module', '-e', `const m = await import(${JSON.stringify(specifier)}); console.log(JSON.stringify(Object.keys(m).sort()));`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = JSON.parse(result.stdout) as string[];
    if (!mayExportNothing.has(specifier)) expect(names.length).toBeGreaterThan(0);
    esmNames.set(specifier, names);
  });

  // The reference server ships ESM only: CommonJS loads it with require(esm), Node 20.19 and later (its engines).
  it.each(specifiers)("require('%s') in CommonJS gives the same exports", async (specifier) => {
    const result = await node(['--input-type=commonjs', '-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)})).sort()));`]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const names = JSON.parse(result.stdout) as string[];
    if (!mayExportNothing.has(specifier)) expect(names.length).toBeGreaterThan(0);
    if (esmNames.has(specifier)) expect(names).toEqual(esmNames.get(specifier));
  });
});

describe('the installed reference server', () => {
  it('paybox-server --help prints its usage', async () => {
    const result = await run(join(project, 'node_modules', '.bin', 'paybox-server'), ['--help'], project);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: paybox-server <command>');
  });

  it('paybox-server migrate creates its SQLite database (better-sqlite3 installed and loaded)', async () => {
    const dataDir = join(work, 'migrate-data');
    const result = await run(join(project, 'node_modules', '.bin', 'paybox-server'), ['migrate'], project, cleanEnv({ PAYBOX_DATA_DIR: dataDir, PAYBOX_LOG_LEVEL: 'silent' }));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(dataDir)).toContain('paybox.sqlite');
  });
});

describe('a user of the installed packages', () => {
  it('pays a credit on the SDK mock, prints the receipt as text and PDF, and starts the server', async () => {
    writeFileSync(
      join(project, 'money-path.js'),
      `import { createPayBox } from '@pay-box/sdk';
import { createFakePayBoxServer } from '@pay-box/sdk/mock';
import { validateResponse } from '@pay-box/sdk/validation';
import { configFromEnv, startServer } from '@pay-box/reference-server';

const fake = createFakePayBoxServer();
const paybox = createPayBox({ baseUrl: 'https://paybox.test', apiKey: fake.credentials.terminalKey, fetch: fake.fetch, responseValidator: validateResponse });
const { data: [credit] } = await paybox.credits.lookup({ noticeNumber: fake.credentials.sampleNoticeNumbers[0] });
const payment = await paybox.payments.create({ creditId: credit.id, amount: credit.amount });
const text = await paybox.receipts.render(payment.receipt.id, { format: 'text58' });
const pdf = await paybox.receipts.render(payment.receipt.id, { format: 'pdf' });

const server = await startServer(configFromEnv({ PORT: '0', HOST: '127.0.0.1', PAYBOX_DATA_DIR: process.argv[2], PAYBOX_LOG_LEVEL: 'silent' }));
const health = await fetch(server.url + '/healthz');
await server.close();
console.log(JSON.stringify({ status: payment.status, textHasCode: text.includes(payment.receipt.verificationCode), pdf: new TextDecoder().decode(pdf.slice(0, 5)), health: health.status }));
`,
    );
    const result = await node(['money-path.js', join(work, 'server-data')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ status: 'succeeded', textHasCode: true, pdf: '%PDF-', health: 200 });
  });

  it('type-checks with the published declarations: every entry, ESM and CommonJS, NodeNext, skipLibCheck off', async () => {
    const alias = (index: number) => `entry${index}`;
    writeFileSync(
      join(project, 'user.ts'),
      `${specifiers.map((specifier, index) => `import * as ${alias(index)} from '${specifier}';`).join('\n')}
import { creditSchema, type Credit } from '@pay-box/contract';
import { renderReceiptText } from '@pay-box/contract/receipts';
import { createEngine, MemoryStore, type Engine } from '@pay-box/engine';
import { createApiApp } from '@pay-box/api';
import { createPayBox, type PayBox } from '@pay-box/sdk';
import { createFakePayBoxServer, type FakePayBoxServer } from '@pay-box/sdk/mock';
import { createPayBoxHandlers } from '@pay-box/sdk/mock/msw';
import { validateResponse } from '@pay-box/sdk/validation';
import { startServer, type RunningServer } from '@pay-box/reference-server';

export const everyEntry = [${specifiers.map((_, index) => alias(index)).join(', ')}];
const fake: FakePayBoxServer = createFakePayBoxServer();
export const paybox: PayBox = createPayBox({ baseUrl: 'https://paybox.test', apiKey: fake.credentials.terminalKey, fetch: fake.fetch, responseValidator: validateResponse });
export const handlers = createPayBoxHandlers(fake, { baseUrl: 'https://paybox.test' });
export const parsed: Credit | undefined = creditSchema.safeParse({}).data;
export const print: (...args: Parameters<typeof renderReceiptText>) => string = renderReceiptText;
export const store = new MemoryStore();
export const engine: typeof createEngine = createEngine;
export type Pieces = [Engine, RunningServer, typeof createApiApp, typeof startServer];
`,
    );
    writeFileSync(
      join(project, 'user-cjs.cts'),
      `${specifiers.map((specifier, index) => `import ${alias(index)} = require('${specifier}');`).join('\n')}
import sdk = require('@pay-box/sdk');
import mock = require('@pay-box/sdk/mock');
import contract = require('@pay-box/contract');
import server = require('@pay-box/reference-server');

export const everyEntry = [${specifiers.map((_, index) => alias(index)).join(', ')}];
const fake = mock.createFakePayBoxServer();
export const paybox: sdk.PayBox = sdk.createPayBox({ baseUrl: 'https://paybox.test', apiKey: fake.credentials.terminalKey, fetch: fake.fetch });
export const schema = contract.creditSchema;
export const start: typeof server.startServer = server.startServer;
`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
        files: ['user.ts', 'user-cjs.cts'],
      }),
    );
    const result = await node([join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);
});

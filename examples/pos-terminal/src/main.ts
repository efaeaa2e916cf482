import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import { connect, pair } from './connect.js';
import { consoleIo } from './console-io.js';
import { runPos } from './pos.js';

const usage = `Usage: npm start -- [--mock] [--base-url URL] [--pair CODE] [--key sk_...] [--key-file FILE] [--credentials FILE]

  --mock              work offline against the SDK's in-memory fake server
  --base-url URL      the Pay-Box server (default http://localhost:8787)
  --pair CODE         pair this till with a one-time code, and keep its key in the key file
  --key sk_...        a terminal secret key (default: the key file, then data/demo-credentials.json)
  --key-file FILE     where a paired till keeps its key (default .paybox-terminal.json)
  --credentials FILE  where the reference server wrote its demo keys`;

/** Parses the command line, connects, and runs the till on the given streams. */
export async function main(argv: string[], input: Readable, output: Writable): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mock: { type: 'boolean', default: false },
      'base-url': { type: 'string', default: 'http://localhost:8787' },
      key: { type: 'string' },
      pair: { type: 'string' },
      'key-file': { type: 'string', default: '.paybox-terminal.json' },
      credentials: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    output.write(`${usage}\n`);
    return;
  }
  if (values.pair !== undefined) {
    const paired = await pair(values['base-url'], values.pair, values['key-file']);
    output.write(`Paired as ${paired.label} (${paired.terminalId}); key kept in ${values['key-file']}\n`);
  }
  const { payBox, where } = connect({ mock: values.mock, baseUrl: values['base-url'], key: values.key, keyFile: values['key-file'], credentialsFile: values.credentials });
  output.write(`Connected to ${where}\n`);
  await runPos(payBox, consoleIo(input, output));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), process.stdin, process.stdout).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** How the POS talks to the shopkeeper: a line in, text out. Tests drive it with a script of lines. */
export interface ConsoleIo {
  /** Shows the question and waits for a line; null when the input has ended. */
  ask(question: string): Promise<string | null>;
  say(text?: string): void;
}

export function consoleIo(input: Readable, output: Writable): ConsoleIo {
  const lines = createInterface({ input, terminal: false })[Symbol.asyncIterator]();
  return {
    async ask(question) {
      output.write(`${question} `);
      const next = await lines.next();
      if (next.done) return null;
      // Echo piped answers, so a transcript reads like the session on a terminal.
      if (!('isTTY' in input && input.isTTY)) output.write(`${next.value}\n`);
      return next.value.trim();
    },
    say(text = '') {
      output.write(`${text}\n`);
    },
  };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templates } from '../src/locales/en.js';

const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** Every `msg(...)` of the app's sources, and the message ids with the number of expressions of their Italian text. */
function sourceMessages(): { calls: number; read: number; messages: Map<string, number> } {
  const messages = new Map<string, number>();
  let calls = 0;
  let read = 0;
  for (const file of readdirSync(sources, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts') && !name.startsWith('locales'))) {
    const text = readFileSync(join(sources, file), 'utf8');
    calls += (text.match(/\bmsg\(/g) ?? []).length;
    for (const match of text.matchAll(/msg\(\s*(str`(?:[^`])*`|'(?:[^'\\]|\\.)*')\s*,\s*\{ id: '([^']+)' \}/g)) {
      read += 1;
      const expressions = (match[1]!.match(/\$\{/g) ?? []).length;
      expect(messages.get(match[2]!) ?? expressions, `${match[2]} has one Italian text`).toBe(expressions);
      messages.set(match[2]!, expressions);
    }
  }
  return { calls, read, messages };
}

describe('the cruscotto in English', () => {
  it('translates every Italian message, with the same expressions, and nothing else', () => {
    const { calls, read, messages } = sourceMessages();
    expect(read, 'every msg() has an id the check can read').toBe(calls);
    expect(Object.keys(templates).sort()).toEqual([...messages.keys()].sort());
    for (const [id, expressions] of messages) {
      const english = templates[id as keyof typeof templates];
      const used = typeof english === 'string' ? [] : [...english.values].sort();
      expect(used, id).toEqual(Array.from({ length: expressions }, (_, index) => index));
    }
  });
});

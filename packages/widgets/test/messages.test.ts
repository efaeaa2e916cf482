import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templates } from '../src/locales/en.js';

const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** Every message id the components ask for, with the number of expressions of its Italian source. */
function sourceMessages(): Map<string, number> {
  const messages = new Map<string, number>();
  for (const file of readdirSync(sources, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts') && !name.startsWith('locales'))) {
    const text = readFileSync(join(sources, file), 'utf8');
    for (const match of text.matchAll(/msg\(\s*(str`(?:[^`])*`|'(?:[^'\\]|\\.)*')\s*,\s*\{ id: '([^']+)' \}/g)) {
      messages.set(match[2]!, (match[1]!.match(/\$\{/g) ?? []).length);
    }
  }
  return messages;
}

describe('the English strings', () => {
  it('translate every Italian message, with the same expressions, and nothing else', () => {
    const messages = sourceMessages();
    expect(messages.size).toBeGreaterThan(80);
    expect(Object.keys(templates).sort()).toEqual([...messages.keys()].sort());
    for (const [id, expressions] of messages) {
      const english = templates[id as keyof typeof templates];
      const used = typeof english === 'string' ? [] : [...english.values].sort();
      expect(used, id).toEqual(Array.from({ length: expressions }, (_, index) => index));
    }
  });
});

import type { Logger } from '@pay-box/engine';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * One JSON object per line on stdout: time, level, message and fields (request ids, payment ids).
 * Never pass request bodies: they carry tax codes.
 */
export function createLogger(level: LogLevel | 'silent', write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const threshold = level === 'silent' ? Infinity : rank[level];
  const emit = (at: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (rank[at] < threshold) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...fields })}\n`);
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

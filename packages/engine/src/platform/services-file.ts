import { servicesFileSchema, type FieldIssue, type ServicesFile } from '@pay-box/contract';
import { DomainError } from '../errors.js';

/** A field to correct, with the line of the file it is on (1-based). */
export type FileIssue = FieldIssue & { line: number };

/**
 * Reads a services file, YAML or JSON (JSON is YAML), and validates it whole. Every problem is
 * reported with the line it is on, so that whoever wrote the file can go straight to it; one bad
 * definition refuses the file (`services_file_invalid`), and nothing is imported.
 */
export async function parseServicesFile(text: string): Promise<{ file: ServicesFile; lineOf: (path: string) => number }> {
  // The YAML library loads on the first services file: the SDK's mock, which reads none, never does.
  const { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } = await import('yaml');
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = document.errors.map((error) => ({ path: '', message: error.message.split('\n')[0]!, line: lines.linePos(error.pos[0]).line }));
  if (syntax.length > 0) throw new DomainError('services_file_invalid', syntax);

  const result = servicesFileSchema.safeParse(document.toJS());
  if (result.success) return { file: result.data, lineOf: (path) => lineOf(path.split('.')) };
  const issues: FileIssue[] = result.error.issues.map((issue) => {
    const path = issue.path.map(String);
    return { path: path.join('.'), message: issue.message, line: lineOf(path) };
  });
  throw new DomainError('services_file_invalid', issues);

  /** The line of the deepest key or item of the path that is in the file (a missing key: its parent's). */
  function lineOf(path: string[]): number {
    for (let depth = path.length; depth > 0; depth--) {
      const parent = document.getIn(path.slice(0, depth - 1).map(asKey), true);
      const key = asKey(path[depth - 1]!);
      const node = isMap(parent) ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === key)?.key : isSeq(parent) ? parent.items[Number(key)] : undefined;
      if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
    }
    return 1;
  }
}

const asKey = (segment: string): string | number => (/^\d+$/.test(segment) ? Number(segment) : segment);

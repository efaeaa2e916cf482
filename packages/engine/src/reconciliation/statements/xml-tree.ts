import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { notAStatement } from './parsed-statement.js';

/** An element of a parsed document: children by local name (namespace prefixes dropped), attributes under `@_`. */
export type XmlElement = { readonly [name: string]: unknown };

// The library types its symbol as the `Symbol` wrapper object; at run time it is a symbol.
const metadata = XMLParser.getMetaDataSymbol() as unknown as symbol;

/**
 * A statement's XML, parsed with every value kept as text (amounts and references are never
 * turned into numbers, which would drop leading zeros and round cents) and each element's position
 * kept, so that a bad entry is reported with its line.
 */
export class XmlTree {
  readonly root: XmlElement;
  readonly rootName: string;
  private lineStarts: number[] | null = null;

  constructor(private readonly text: string, repeated: ReadonlySet<string>) {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw notAStatement(`not well-formed XML: ${valid.err.msg}`, valid.err.line);
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      processEntities: true,
      htmlEntities: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      captureMetaData: true,
      isArray: (name) => repeated.has(name),
    });
    const document: unknown = parser.parse(text);
    const [rootName, root] = isElement(document) ? (Object.entries(document).find(([name]) => !name.startsWith('?')) ?? []) : [];
    if (rootName === undefined || !isElement(root)) throw notAStatement('the XML document has no root element');
    this.rootName = rootName;
    this.root = root;
  }

  /** The 1-based line where an element starts. */
  lineOf(element: XmlElement): number {
    const meta: unknown = Reflect.get(element, metadata);
    const position = typeof meta === 'object' && meta !== null && 'startIndex' in meta && typeof meta.startIndex === 'number' ? meta.startIndex : undefined;
    if (position === undefined) return 1;
    this.lineStarts ??= lineStartsOf(this.text);
    let [low, high] = [0, this.lineStarts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= position) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The child element `name`, if it is one. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  const value = element?.[name];
  return isElement(value) ? value : undefined;
}

/** Every child element `name` (declared repeated when the tree was parsed). */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  const value = element?.[name];
  return Array.isArray(value) ? value.filter(isElement) : isElement(value) ? [value] : [];
}

/** The text of the child `name` (or of the element at the end of a path), trimmed; undefined when absent. */
export function text(element: XmlElement | undefined, ...path: string[]): string | undefined {
  let value: unknown = element;
  for (const name of path) value = isElement(value) ? value[name] : undefined;
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'string') return value;
  if (isElement(value) && typeof value['#text'] === 'string') return value['#text'];
  return undefined;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** The texts of every child `name`, in order (a repeated element such as camt's `Ustrd`). */
export function texts(element: XmlElement | undefined, name: string): string[] {
  const value = element?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).flatMap((item) => {
    const content = text({ item }, 'item');
    return content === undefined ? [] : [content];
  });
}

import { errorCatalog, errorCodes } from '@pay-box/contract';
import { curlExample } from './curl-example.js';
import type { JsonSchema, OpenApiDocument, OperationObject, ParameterObject } from './document.js';
import { escapeHtml, renderInlineMarkdown, renderMarkdown } from './markdown.js';
import { fieldRows, typeLabel, type FieldRow, type SchemaComponents } from './schema-fields.js';

interface PathOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

const styles = `
:root { --accent: #0066cc; --accent-dark: #004d99; --text: #1a1a1a; --muted: #4d5b68; --line: #d0d7de; --code: #f1f5f9; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--text); background: #fff; line-height: 1.55;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
a:focus-visible { outline: 3px solid var(--accent-dark); outline-offset: 2px; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--accent); color: #fff; padding: .5rem 1rem; }
.skip-link:focus { left: 0; }
header { background: var(--accent); color: #fff; padding: 1rem 1.5rem; }
header p { margin: 0; font-weight: 700; font-size: 1.1rem; }
.layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr); max-width: 80rem; margin: 0 auto; }
nav { border-right: 1px solid var(--line); padding: 1.5rem 1rem; position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; }
nav ul { list-style: none; padding-left: 0; margin: 0 0 1rem; }
nav ul ul { padding-left: .75rem; margin: 0; }
nav a { display: block; padding: .15rem 0; text-decoration: none; }
nav a:hover { text-decoration: underline; }
main { padding: 1.5rem 2rem 4rem; }
h1 { color: var(--accent-dark); margin-top: 0; }
h2 { border-bottom: 2px solid var(--accent); padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { margin-top: 2rem; }
h4 { margin: 1.25rem 0 .5rem; color: var(--muted); text-transform: uppercase; font-size: .85rem; letter-spacing: .04em; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
code { background: var(--code); padding: .05rem .3rem; border-radius: 3px; }
pre { background: #0f1e2e; color: #f8fafc; padding: 1rem; border-radius: 6px; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #e6f0fa; }
td.field { padding-left: calc(.5rem + var(--depth, 0) * 1.5rem); white-space: nowrap; }
.parent { color: var(--muted); }
.alternative { font-style: italic; color: var(--muted); }
.operation { border-top: 1px solid var(--line); }
.endpoint { font-size: 1.05rem; }
.method { display: inline-block; min-width: 3.5rem; text-align: center; color: #fff; font-weight: 700; border-radius: 4px; padding: .1rem .4rem; margin-right: .5rem; }
.method-get { background: #00703c; }
.method-post { background: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
@media (max-width: 50rem) { .layout { display: block; } nav { position: static; max-height: none; border-right: 0; border-bottom: 1px solid var(--line); } main { padding: 1rem; } }
`;

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function table(caption: string, headings: string[], rows: string[][]): string {
  const head = headings.map((heading) => `<th scope="col">${heading}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.join('')}</tr>`).join('\n');
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const cell = (html: string) => `<td>${html}</td>`;

function fieldTable(caption: string, schema: JsonSchema, components: SchemaComponents): string {
  const rows = fieldRows(schema, components);
  if (rows.length === 0) return `<p>${escapeHtml(caption)}: <code>${escapeHtml(typeLabel(schema))}</code></p>`;
  return table(
    caption,
    ['Field', 'Type', 'Required', 'Description'],
    rows.map((row: FieldRow) => [
      row.kind === 'alternative'
        ? `<td class="field alternative" style="--depth: ${row.depth}">${escapeHtml(row.name)}</td>`
        : `<td class="field" style="--depth: ${row.depth}"><span class="parent">${escapeHtml(row.parentPath)}</span><code>${escapeHtml(row.name)}</code></td>`,
      cell(`<code>${escapeHtml(row.type)}</code>`),
      cell(row.kind === 'field' ? (row.required ? 'yes' : 'no') : ''),
      cell(renderInlineMarkdown(row.description)),
    ]),
  );
}

function parameterTable(parameters: ParameterObject[]): string {
  return table(
    'Parameters',
    ['Name', 'In', 'Type', 'Required', 'Description'],
    parameters.map((parameter) => [
      cell(`<code>${escapeHtml(parameter.name)}</code>`),
      cell(parameter.in),
      cell(`<code>${escapeHtml(typeLabel(parameter.schema))}</code>`),
      cell(parameter.required ? 'yes' : 'no'),
      cell(renderInlineMarkdown(parameter.description ?? '')),
    ]),
  );
}

function securityText(operation: OperationObject): string {
  const schemes = operation.security.flatMap((requirement) => Object.keys(requirement));
  if (schemes.length === 0) return 'None: anyone may call it.';
  return schemes.map((scheme) => `<a href="#scheme-${slug(scheme)}"><code>${escapeHtml(scheme)}</code></a>`).join(' or ');
}

function renderOperation({ method, path, operation }: PathOperation, document: OpenApiDocument): string {
  const anchor = `op-${slug(operation.operationId)}`;
  const components = document.components.schemas;
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const responses = Object.entries(operation.responses);
  const successes = responses.filter(([status]) => status.startsWith('2'));
  const failures = responses.filter(([status]) => !status.startsWith('2'));
  const idempotent = operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key');

  const successHtml = successes.map(([status, response]) => {
    const mediaTypes = Object.keys(response.content).map((mediaType) => `<code>${escapeHtml(mediaType)}</code>`).join(', ');
    const jsonSchema = response.content['application/json']?.schema;
    return `<h4>Response ${escapeHtml(status)}</h4>
<p>${renderInlineMarkdown(response.description)} Media types: ${mediaTypes}.</p>
${jsonSchema ? fieldTable(`Response ${status} fields`, jsonSchema, components) : ''}`;
  });
  const errorRows = failures.map(([status, response]) => [
    cell(escapeHtml(status)),
    cell(
      Object.keys(response.content['application/json']?.examples ?? {})
        .map((code) => `<a href="#error-${slug(code)}"><code>${escapeHtml(code)}</code></a>`)
        .join(', '),
    ),
  ]);

  return `<section class="operation" id="${anchor}" aria-labelledby="${anchor}-title">
<h3 id="${anchor}-title">${escapeHtml(operation.summary)}</h3>
<p class="endpoint"><span class="method method-${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span><code>${escapeHtml(path)}</code></p>
<p>${renderInlineMarkdown(operation.description)}</p>
<dl class="facts">
<dt>Keys</dt><dd>${securityText(operation)}</dd>
<dt>Idempotency-Key</dt><dd>${idempotent ? 'required' : 'not needed'}</dd>
<dt>Operation id</dt><dd><code>${escapeHtml(operation.operationId)}</code></dd>
</dl>
<h4>Parameters</h4>
${parameterTable(operation.parameters)}
${bodySchema ? `<h4>Request body</h4>\n<p>JSON (<code>application/json</code>).</p>\n${fieldTable('Request body fields', bodySchema, components)}` : ''}
${successHtml.join('\n')}
<h4>Errors</h4>
${table('Errors by HTTP status', ['Status', 'Codes'], errorRows)}
<h4>Example</h4>
<pre><code>${escapeHtml(curlExample(document.servers[0]?.url ?? '', method, path, operation))}</code></pre>
</section>`;
}

function renderErrorCatalog(): string {
  return `<h3 id="error-codes">Error codes</h3>
${table(
  'Every error code, its HTTP status and its messages',
  ['Code', 'Status', 'English', 'Italiano'],
  errorCodes.map((code) => {
    const { status, en, it } = errorCatalog[code];
    return [`<td id="error-${slug(code)}"><code>${escapeHtml(code)}</code></td>`, cell(String(status)), cell(escapeHtml(en)), `<td lang="it">${escapeHtml(it)}</td>`];
  }),
)}`;
}

function renderSecuritySchemes(document: OpenApiDocument): string {
  const entries = Object.entries(document.components.securitySchemes).map(
    ([name, scheme]) =>
      `<dt id="scheme-${slug(name)}"><code>${escapeHtml(name)}</code> (${scheme.type === 'http' ? `HTTP ${escapeHtml(scheme.scheme)}` : `cookie <code>${escapeHtml(scheme.name)}</code>`})</dt><dd>${renderInlineMarkdown(scheme.description)}</dd>`,
  );
  return `<h3>Security schemes</h3>\n<dl class="facts">${entries.join('')}</dl>`;
}

function pathOperations(document: OpenApiDocument): PathOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
}

/**
 * The API reference as one self-contained HTML page (inline CSS, no scripts, works offline),
 * rendered from the OpenAPI document so the two always agree. Every inserted text is escaped.
 */
export function renderApiReferencePage(document: OpenApiDocument): string {
  const [intro = '', ...guideChunks] = document.info.description.split(/^## /m);
  const guide = guideChunks.map((chunk) => {
    const [heading = '', ...body] = chunk.split('\n');
    return { heading: heading.trim(), id: slug(heading), body: body.join('\n') };
  });
  const all = pathOperations(document);
  const groups = document.tags.map((tag) => ({ tag, operations: all.filter(({ operation }) => operation.tags[0] === tag.name) }));
  const title = `${document.info.title} reference`;

  const navigation = `<nav aria-label="Contents">
<ul>${guide.map(({ heading, id }) => `<li><a href="#${id}">${escapeHtml(heading)}</a></li>`).join('')}</ul>
<ul>${groups
    .map(
      ({ tag, operations }) =>
        `<li><a href="#tag-${slug(tag.name)}">${escapeHtml(tag.name)}</a><ul>${operations
          .map(({ operation }) => `<li><a href="#op-${slug(operation.operationId)}">${escapeHtml(operation.summary)}</a></li>`)
          .join('')}</ul></li>`,
    )
    .join('')}</ul>
</nav>`;

  // Reference material that belongs under a guide section of the description, by the section's id.
  const sectionExtras: Record<string, string> = { authentication: renderSecuritySchemes(document), errors: renderErrorCatalog() };
  const guideHtml = guide
    .map(
      ({ heading, id, body }) => `<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${escapeHtml(heading)}</h2>
${renderMarkdown(body)}
${sectionExtras[id] ?? ''}
</section>`,
    )
    .join('\n');
  const operationsHtml = groups
    .map(
      ({ tag, operations }) => `<section id="tag-${slug(tag.name)}" aria-labelledby="tag-${slug(tag.name)}-title">
<h2 id="tag-${slug(tag.name)}-title">${escapeHtml(tag.name)}</h2>
${tag.description ? `<p>${renderInlineMarkdown(tag.description)}</p>` : ''}
${operations.map((entry) => renderOperation(entry, document)).join('\n')}
</section>`,
    )
    .join('\n');
  const servers = document.servers.map((server) => `<code>${escapeHtml(server.url)}</code>`).join(', ');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header><p>${escapeHtml(document.info.title)} <span>${escapeHtml(document.info.version)}</span></p></header>
<div class="layout">
${navigation}
<main id="main">
<h1>${escapeHtml(title)}</h1>
${renderMarkdown(intro)}
<p>Server: ${servers}. The same description as an OpenAPI 3.1 document: <a href="/openapi.json">openapi.json</a>.</p>
${guideHtml}
${operationsHtml}
</main>
</div>
</body>
</html>
`;
}

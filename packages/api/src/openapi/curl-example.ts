import type { OperationObject } from './document.js';

/** Quotes a value for a POSIX shell: single quotes, with embedded single quotes closed and reopened. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `terminalKey` -> `$PAYBOX_TERMINAL_KEY`: the key stays out of the command and out of shell history. */
function keyVariable(schemeName: string): string {
  return `$PAYBOX_${schemeName.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** The staff API's session cookie, and on a change the session's CSRF token. */
function staffCredentials(method: string): string[] {
  return ['-b "paybox_session=$PAYBOX_STAFF_SESSION"', ...(method === 'get' ? [] : ['-H "X-CSRF-Token: $PAYBOX_CSRF_TOKEN"'])];
}

/** A curl command for an operation, filled with the examples of its parameters and body. */
export function curlExample(serverUrl: string, method: string, path: string, operation: OperationObject): string {
  const exampleOf = (location: 'path' | 'query') =>
    operation.parameters.filter((parameter) => parameter.in === location && parameter.example !== undefined);
  const filledPath = exampleOf('path').reduce(
    (result, parameter) => result.replace(`{${parameter.name}}`, encodeURIComponent(parameter.example ?? '')),
    path,
  );
  const query = new URLSearchParams(exampleOf('query').map((parameter) => [parameter.name, parameter.example ?? ''])).toString();
  const url = `${serverUrl.replace(/\/$/, '')}${filledPath}${query ? `?${query}` : ''}`;

  const [firstScheme] = operation.security.flatMap((requirement) => Object.keys(requirement));
  const body = operation.requestBody?.content['application/json']?.example;
  const idempotent = operation.parameters.some((parameter) => parameter.name === 'Idempotency-Key');
  return [
    `curl${method === 'get' ? '' : ` -X ${method.toUpperCase()}`} ${shellQuote(url)}`,
    ...(firstScheme === 'staffSession' ? staffCredentials(method) : firstScheme ? [`-H "Authorization: Bearer ${keyVariable(firstScheme)}"`] : []),
    ...(idempotent ? ['-H "Idempotency-Key: $(uuidgen)"'] : []),
    ...(body !== undefined ? [`-H 'Content-Type: application/json'`, `-d ${shellQuote(JSON.stringify(body))}`] : []),
  ].join(' \\\n  ');
}

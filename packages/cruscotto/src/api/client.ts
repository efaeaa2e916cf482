import type { StaffSession } from './types.js';

/** The body of every API error: `{ error: { code, message, messageIt, details, requestId } }`. */
export interface ApiErrorBody {
  code: string;
  message: string;
  messageIt: string;
  details?: unknown;
  requestId?: string;
}

/** A refusal of the API, with its stable code and the message in both languages. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }

  /** The server's own message in the language of the page. */
  messageIn(locale: 'it' | 'en'): string {
    return locale === 'it' ? this.body.messageIt : this.body.message;
  }
}

/** A failure that never reached the API (network down, server stopped). */
export class NetworkError extends Error {}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/v1/admin/payments` + `{ from: '2026-11-01', q: '' }` -> `/v1/admin/payments?from=2026-11-01` (empty values left out). */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

const writes = new Set(['POST', 'PATCH', 'DELETE']);

function errorFrom(status: number, text: string): ApiError {
  try {
    const parsed = JSON.parse(text) as { error?: ApiErrorBody };
    if (parsed.error?.code) return new ApiError(status, parsed.error);
  } catch {
    // Not JSON: a proxy's page or an empty body; told below by its status.
  }
  return new ApiError(status, { code: `http_${status}`, message: `The server answered ${status}.`, messageIt: `Il server ha risposto ${status}.` });
}

/**
 * The staff API, same-origin with the session cookie. Changes carry the session's CSRF token;
 * a session that has ended (401 session_required) is reported once to `onSessionEnded`.
 */
export class CruscottoApi {
  private csrfToken = '';
  onSessionEnded: () => void = () => {};

  setSession(session: StaffSession | null): void {
    this.csrfToken = session?.csrfToken ?? '';
  }

  async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (writes.has(method)) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
    } catch (error) {
      throw new NetworkError(String(error));
    }
    const text = await response.text();
    if (!response.ok) throw this.refused(response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', withQuery(path, query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }

  /** Reads a text answer (a receipt for 80 mm paper, say). */
  async text(path: string): Promise<string> {
    const response = await fetch(path, { credentials: 'same-origin' }).catch((error: unknown) => {
      throw new NetworkError(String(error));
    });
    const text = await response.text();
    if (!response.ok) throw this.refused(response.status, text);
    return text;
  }

  /**
   * Sends a file as the request body, telling how much has gone (fetch cannot: XMLHttpRequest's
   * upload progress can), then parses the JSON answer.
   */
  upload<T>(path: string, file: Blob, contentType: string, onProgress: (sent: number, total: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', path);
      request.withCredentials = true;
      request.setRequestHeader('content-type', contentType);
      request.setRequestHeader('accept', 'application/json');
      request.setRequestHeader('x-csrf-token', this.csrfToken);
      request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      request.onerror = () => reject(new NetworkError('upload failed'));
      request.onload = () => {
        if (request.status >= 200 && request.status < 300) {
          onProgress(file.size, file.size);
          resolve((request.responseText ? JSON.parse(request.responseText) : undefined) as T);
        } else reject(this.refused(request.status, request.responseText));
      };
      request.send(file);
    });
  }

  private refused(status: number, text: string): ApiError {
    const error = errorFrom(status, text);
    if (error.code === 'session_required') this.onSessionEnded();
    return error;
  }
}

/** The one client of the page. */
export const api = new CruscottoApi();

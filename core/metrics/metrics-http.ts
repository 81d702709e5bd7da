/**
 * Port: one HTTP POST of a JSON body. The uploader decides what a status means; hosts only move
 * bytes. `createFetchMetricsHttp` works in browsers and in Node 20 (global fetch).
 */

export interface MetricsHttpResponse {
  status: number;
  /** The raw `Retry-After` header, if any (seconds or an HTTP date). */
  retryAfter: string | null;
  /** Parsed JSON body, or null when the body was not JSON. */
  body: unknown;
}

export interface MetricsHttp {
  /** Rejects only on network failure (no answer); any HTTP answer resolves. */
  postJson(url: string, json: string, headers: Record<string, string>): Promise<MetricsHttpResponse>;
}

/** The `fetch`-based adapter. */
export function createFetchMetricsHttp(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): MetricsHttp {
  return {
    async postJson(url, json, headers) {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: json,
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
    },
  };
}

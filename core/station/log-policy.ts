/**
 * What may go into the station log IT reads: fixed messages and details with no personal data.
 * Adapters already avoid URLs and typed text; this is the second line, applied to every entry by
 * the log adapter, because an error message from Chromium or Node can quote a URL (with a
 * visitor's query string) or a path with a user name.
 */

/** Longest string kept in a log detail; longer values are cut (free text is not diagnostics). */
export const LOG_VALUE_MAX_CHARS = 200;

const URL_PATTERN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"<>)]+/gi;
const DATA_URL_PATTERN = /\b(?:data|blob|about|javascript):\S+/gi;
const EMAIL_PATTERN = /[^\s@'"<>]+@[^\s@'"<>]+\.[a-z]{2,}/gi;
/** Finnish personal identity code (henkilötunnus): DDMMYY, century sign, 3 digits, check character. */
const HETU_PATTERN = /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/gi;
/** An absolute file path (Windows or POSIX): file names of downloads are the visitor's. */
const PATH_PATTERN = /(?<=^|[\s'"(=])(?:[a-z]:[\\/]|\\\\|\/)[^\s'")]*/gi;
/** A quoted absolute path, which may contain spaces (Node quotes paths in its error messages). */
const QUOTED_PATH_PATTERN = /(['"])(?:[a-z]:[\\/]|\\\\|\/)[^'"]*\1/gi;
/** Account numbers, phone numbers, reference numbers (also inside an IBAN). */
const LONG_NUMBER_PATTERN = /\d{9,}/g;

/** Removes anything that could identify a visitor or the page they were on from one string. */
export function scrubLogText(text: string): string {
  const scrubbed = text
    .replace(DATA_URL_PATTERN, '<url>')
    .replace(URL_PATTERN, '<url>')
    .replace(QUOTED_PATH_PATTERN, '$1<path>$1')
    .replace(PATH_PATTERN, '<path>')
    .replace(EMAIL_PATTERN, '<email>')
    .replace(HETU_PATTERN, '<id>')
    .replace(LONG_NUMBER_PATTERN, '<number>');
  return scrubbed.length > LOG_VALUE_MAX_CHARS ? `${scrubbed.slice(0, LOG_VALUE_MAX_CHARS)}…` : scrubbed;
}

/** Scrubs every string in a details object (nested objects and arrays too, a few levels deep). */
export function scrubLogDetails(details: Record<string, unknown>): Record<string, unknown> {
  return scrubValue(details, 0) as Record<string, unknown>;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubLogText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
  if (depth >= 4) return '<nested>';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrubValue(v, depth + 1));
  if (value instanceof Error) return { error: value.name };
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = scrubValue(v, depth + 1);
    return out;
  }
  return typeof value;
}

/**
 * What an error may say in the log: its kind and Node/Chromium code, never its message (messages
 * quote URLs, paths and page text).
 */
export function errorSummary(error: unknown): { error: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { error: error.name, code: scrubLogText(code) } : { error: error.name };
  }
  return { error: typeof error };
}

/** Times as IT reads them: Helsinki wall-clock time in the page's language. */
import { HELSINKI_TIME_ZONE } from '../shared/helsinki-time.ts';

export function helsinkiDateTime(epochMs: number, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, {
    timeZone: HELSINKI_TIME_ZONE,
    day: 'numeric',
    month: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(epochMs));
}

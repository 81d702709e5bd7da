/** Central's refusals as sentences in the coordinator's language (central's own messages are English). */
import type { TFunction } from 'i18next';
import { ApiFailure } from './dashboard-api.ts';

/** Where the failure happened: a 401 means "wrong password" at login but "session ended" elsewhere. */
export type FailureContext = 'login' | 'summary';

/** The localized sentence for a failed call. */
export function failureText(t: TFunction, failure: unknown, context: FailureContext): string {
  const status = failure instanceof ApiFailure ? failure.status : 0;
  if (status === 0) return t('errors.unreachable');
  if (status === 429) return t('errors.tooMany');
  if (status === 401) return context === 'login' ? t('errors.badLogin') : t('errors.expired');
  if (status === 403) return t('errors.forbidden');
  if (status === 400) return context === 'login' ? t('errors.badLogin') : t('errors.badFilter');
  return t('errors.server');
}

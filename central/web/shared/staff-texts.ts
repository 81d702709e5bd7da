/** The shared login form's words from the app's own `login.form.*` keys (each app has its own texts). */
import type { TFunction } from 'i18next';
import type { StaffLoginTexts } from './StaffLoginForm.tsx';

/** `login.form.intro` is optional: an app without it shows no intro. */
export function staffLoginTexts(t: TFunction, exists: (key: string) => boolean): StaffLoginTexts {
  return {
    title: t('login.form.title'),
    ...(exists('login.form.intro') ? { intro: t('login.form.intro') } : {}),
    name: t('login.form.name'),
    password: t('login.form.password'),
    submit: t('login.form.submit'),
  };
}

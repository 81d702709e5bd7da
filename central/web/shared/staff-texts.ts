/**
 * The words of the shared header and login form from the keys every staff app with them defines
 * (`app.header.*`, `login.form.*`), so each app keeps its own texts in its own i18n file.
 */
import type { TFunction } from 'i18next';
import type { StaffHeaderTexts } from './StaffHeader.tsx';
import type { StaffLoginTexts } from './StaffLoginForm.tsx';

export function staffHeaderTexts(t: TFunction): StaffHeaderTexts {
  return { title: t('app.header.title'), cityName: t('app.header.cityName'), language: t('app.header.language') };
}

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

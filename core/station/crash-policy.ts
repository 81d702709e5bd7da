/**
 * What the station does when a renderer fails: the shell UI (the kiosk's own screens) or an
 * e-service page. Decided here, without Electron, so the host only reports and obeys.
 */
import type { Language } from '../../protocol/events.ts';

/** How often the shell may crash or hang before reloading is no longer trusted. */
export const SHELL_RECOVERY = { maxFailures: 3, withinMs: 10 * 60_000 } as const;

/** How long a renderer may stay unresponsive before the station kills and restarts it. */
export const HANG_GRACE_MS = 15_000;

/** How often the memory ceiling is checked while the station waits for a visitor. */
export const MEMORY_CHECK_INTERVAL_MS = 5 * 60_000;

/**
 * Decides what to do after a shell failure, given the times of earlier failures (newest last).
 * A crash is usually a one-off (a GPU reset, an OOM kill): reload. Three within ten minutes mean
 * something is broken that a reload will not fix; a fresh process from the supervisor might.
 */
export function shellRecovery(failuresAt: readonly number[], now: number): 'reload' | 'exit' {
  const recent = failuresAt.filter((at) => now - at < SHELL_RECOVERY.withinMs);
  return recent.length >= SHELL_RECOVERY.maxFailures ? 'exit' : 'reload';
}

/**
 * Is a failed main-frame load worth showing the visitor? ERR_ABORTED (-3) is Chromium replacing
 * one navigation with another (a redirect, a refused link, the visitor clicking twice): the page
 * that replaced it is what the visitor sees, so it is no failure.
 */
export function loadFailureShown(errorCode: number, isMainFrame: boolean): boolean {
  return isMainFrame && errorCode !== -3;
}

/** The "this page could not be shown" texts, in every visitor language (the compiler checks all nine). */
export const PAGE_FAILURE_TEXTS: Record<Language, { title: string; body: string; retry: string; home: string }> = {
  fi: {
    title: 'Sivua ei voitu näyttää',
    body: 'Palvelu ei vastannut tai sivu lakkasi toimimasta. Voit yrittää uudelleen tai palata valikkoon.',
    retry: 'Yritä uudelleen',
    home: 'Takaisin valikkoon',
  },
  'fi-x-plain': {
    title: 'Sivu ei aukea',
    body: 'Palvelu ei toimi juuri nyt. Voit yrittää uudelleen. Voit myös palata valikkoon.',
    retry: 'Yritä uudelleen',
    home: 'Takaisin valikkoon',
  },
  sv: {
    title: 'Sidan kunde inte visas',
    body: 'Tjänsten svarade inte eller sidan slutade fungera. Du kan försöka igen eller gå tillbaka till menyn.',
    retry: 'Försök igen',
    home: 'Tillbaka till menyn',
  },
  en: {
    title: 'This page could not be shown',
    body: 'The service did not answer or the page stopped working. You can try again or go back to the menu.',
    retry: 'Try again',
    home: 'Back to the menu',
  },
  ru: {
    title: 'Не удалось показать страницу',
    body: 'Услуга не ответила или страница перестала работать. Попробуйте ещё раз или вернитесь в меню.',
    retry: 'Попробовать снова',
    home: 'Назад в меню',
  },
  et: {
    title: 'Lehte ei saanud kuvada',
    body: 'Teenus ei vastanud või leht lakkas töötamast. Võid proovida uuesti või minna tagasi menüüsse.',
    retry: 'Proovi uuesti',
    home: 'Tagasi menüüsse',
  },
  so: {
    title: 'Boggan lama soo bandhigi karin',
    body: 'Adeeggu ma jawaabin ama boggu wuu joogsaday. Mar kale isku day ama ku noqo liiska.',
    retry: 'Mar kale isku day',
    home: 'Ku noqo liiska',
  },
  ar: {
    title: 'تعذّر عرض هذه الصفحة',
    body: 'لم تستجب الخدمة أو توقفت الصفحة عن العمل. يمكنك المحاولة مرة أخرى أو العودة إلى القائمة.',
    retry: 'حاول مرة أخرى',
    home: 'العودة إلى القائمة',
  },
  uk: {
    title: 'Не вдалося показати сторінку',
    body: 'Послуга не відповіла або сторінка перестала працювати. Спробуйте ще раз або поверніться до меню.',
    retry: 'Спробувати ще раз',
    home: 'Назад до меню',
  },
};

/**
 * The reserved addresses the failure page's two buttons go to. `.invalid` can never resolve
 * (RFC 2606), so a real site can never be mistaken for them; the host catches the navigation
 * before it leaves the page.
 */
export const RESERVED_ACTION_ORIGIN = 'https://kiosk-action.invalid';

export const PAGE_FAILURE_ACTIONS = {
  retry: 'https://kiosk-action.invalid/retry',
  home: 'https://kiosk-action.invalid/home',
} as const;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The failure page as a self-contained document: no script (the view is sandboxed and the page
 * must work even when nothing else does), large buttons, the visitor's language and direction.
 */
export function pageFailureDocument(language: Language, textScalePercent = 100): string {
  const t = PAGE_FAILURE_TEXTS[language];
  const lang = language === 'fi-x-plain' ? 'fi' : language;
  const dir = language === 'ar' ? 'rtl' : 'ltr';
  const size = Math.round(18 * (textScalePercent / 100));
  return `<!doctype html><html lang="${lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;font-size:${size}px;margin:3em auto;max-width:40em;padding:0 1em;color:#1a1a1a;background:#fff}
h1{font-size:1.6em}a{display:inline-block;margin:1em 1em 0 0;padding:.8em 1.4em;border:3px solid #0000bf;color:#fff;background:#0000bf;text-decoration:none;font-weight:600}
a.secondary{color:#0000bf;background:#fff}a:focus{outline:4px solid #ffc61e;outline-offset:2px}</style></head>
<body><main><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.body)}</p>
<a href="${PAGE_FAILURE_ACTIONS.retry}">${escapeHtml(t.retry)}</a><a class="secondary" href="${PAGE_FAILURE_ACTIONS.home}">${escapeHtml(t.home)}</a></main></body></html>`;
}

/** The failure page as a `data:` URL the host loads into the failed view. */
export function pageFailureUrl(language: Language, textScalePercent = 100): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(pageFailureDocument(language, textScalePercent))}`;
}

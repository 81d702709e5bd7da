/**
 * The shell's languages: the station's default is ready before the first render, and showing a
 * language re-renders the translated screen only when the language really changes.
 */
import { describe, expect, it } from 'vitest';
import { createShellI18n } from './create-i18n.ts';

describe('createShellI18n', () => {
  it('has the default language ready to render', async () => {
    const languages = await createShellI18n('fi');
    expect(languages.isLoaded('fi')).toBe(true);
    expect(languages.i18n.language).toBe('fi');
    expect(languages.i18n.t('welcome.start')).toBe('Aloita');
  });

  it('does not announce a language change when the station shows the language already on screen', async () => {
    // Every announcement re-renders each translated component: at start, showing the default
    // language again re-rendered the whole welcome screen right after its first paint.
    const languages = await createShellI18n('fi');
    let announced = 0;
    languages.i18n.on('languageChanged', () => (announced += 1));
    await languages.show('fi');
    expect(announced).toBe(0);
  });

  it('switches to another language once its texts are in, and announces it once', async () => {
    const languages = await createShellI18n('fi');
    const announced: string[] = [];
    languages.i18n.on('languageChanged', (lng: string) => announced.push(lng));
    await languages.load('sv');
    await languages.show('sv');
    expect(announced).toEqual(['sv']);
    expect(languages.i18n.t('welcome.start')).toBe('Börja');
  });

  it('ends in the last language shown when the visitor switches back and forth quickly', async () => {
    // A guard for the day texts come from a backend and a switch stops being immediate.
    const languages = await createShellI18n('fi');
    await languages.load('sv');
    await Promise.all([languages.show('sv'), languages.show('fi'), languages.show('sv'), languages.show('fi')]);
    expect(languages.i18n.language).toBe('fi');
    expect(languages.i18n.t('welcome.start')).toBe('Aloita');
  });
});

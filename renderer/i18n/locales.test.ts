import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../protocol/events.ts';
import { HELP_LOCALES } from '../help/register-help-translations.ts';
import { createShellI18n, offeredLanguages, SHELL_LOCALES, type LocaleLoaders } from './create-i18n.ts';
import { localeProblems, type LocaleTree } from './locale-check.ts';
import type { Language } from '../../protocol/events.ts';

/** Every locale file on disk, so a file that exists but is not registered is checked too. */
function localeFiles(dir: URL): Map<string, LocaleTree> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  return new Map(
    files.map((name) => [
      name.replace(/\.json$/, ''),
      JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as LocaleTree,
    ]),
  );
}

/** Every language's texts, as the shell loads them. */
async function loadAll(loaders: LocaleLoaders<object>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(loaders).map(async ([language, load]) => [language, (await load()).default] as const),
  );
  return Object.fromEntries(entries);
}

const NAMESPACES = {
  shell: { dir: new URL('./locales/', import.meta.url), loaders: SHELL_LOCALES as LocaleLoaders<object> },
  help: { dir: new URL('../help/locales/', import.meta.url), loaders: HELP_LOCALES as LocaleLoaders<object> },
};

describe.each(Object.entries(NAMESPACES))('%s locales', (namespace, { dir, loaders }) => {
  const files = localeFiles(dir);
  const fi = files.get('fi');
  if (!fi) throw new Error(`${namespace}: no fi.json in ${dir.pathname}`);

  it('has a locale file for every protocol language, and no file for a language the protocol lacks', () => {
    expect([...files.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  it('registers every locale file', async () => {
    const registered = await loadAll(loaders);
    expect(Object.keys(registered).sort()).toEqual([...files.keys()].sort());
    for (const [language, tree] of files) expect(registered[language], `${namespace} ${language}`).toEqual(tree);
  });

  it.each([...files.keys()].filter((language) => language !== 'fi'))(
    `${namespace} %s has exactly the Finnish keys, no empty texts and the same {{placeholders}}`,
    (language) => {
      expect(localeProblems(`${language}.json (${namespace})`, fi, files.get(language) ?? {})).toEqual([]);
    },
  );

  it('has no empty text in Finnish either', () => {
    expect(localeProblems(`fi.json (${namespace})`, fi, fi)).toEqual([]);
  });
});

describe('shell languages', () => {
  it('offers all nine protocol languages in the protocol order', () => {
    expect(offeredLanguages()).toEqual([...LANGUAGES]);
  });

  // The picker names each language from the current language's block, so it must be the same everywhere.
  it('names every language by its own name (endonym) in every locale', async () => {
    const fi = (await SHELL_LOCALES.fi()).default;
    for (const [language, load] of Object.entries(SHELL_LOCALES))
      expect((await load()).default.languages, language).toEqual(fi.languages);
  });

  it.each([...LANGUAGES])('%s resolves its own texts through i18next', async (language) => {
    const { i18n } = await createShellI18n(language, { help: HELP_LOCALES });
    const own = (await SHELL_LOCALES[language]()).default;
    expect(i18n.t('welcome.intro')).toBe(own.welcome.intro);
    expect(i18n.t('idle.body', { seconds: 30 })).toContain('30');
    expect(i18n.t('button.label', { ns: 'help' })).toBe((await HELP_LOCALES[language]()).default.button.label);
  });

  it('loads only the default language at start, and another one when it is chosen', async () => {
    const languages = await createShellI18n('sv', { help: HELP_LOCALES });
    expect(offeredLanguages().filter((language) => languages.isLoaded(language))).toEqual(['sv']);
    expect(languages.i18n.hasResourceBundle('sv', 'help')).toBe(true);
    await languages.load('uk');
    expect(languages.isLoaded('uk')).toBe(true);
    expect(languages.i18n.hasResourceBundle('uk', 'help')).toBe(true);
    // ...with its fallbacks (uk → en → fi), so a text missing in one would never show as a key.
    expect(languages.isLoaded('en') && languages.isLoaded('fi')).toBe(true);
    await languages.prefetch();
    expect(offeredLanguages().every((language: Language) => languages.isLoaded(language))).toBe(true);
  });
});

describe('localeProblems (the checker itself)', () => {
  const reference = { a: { greet: 'Hei {{name}}', bye: 'Moi' }, n: '{{count}} kpl' };

  it('reports which locale and key is wrong', () => {
    const broken = { a: { greet: 'Hi {{nimi}}', bye: ' ' }, extra: 'x' } as LocaleTree;
    expect(localeProblems('xx.json (shell)', reference, broken)).toEqual([
      'xx.json (shell): missing key "n"',
      'xx.json (shell): "a.greet" has placeholders [nimi] but Finnish has [name]',
      'xx.json (shell): "a.bye" is empty',
      'xx.json (shell): extra key "extra" (not in Finnish)',
    ]);
  });

  it('catches a dropped or doubled placeholder and a nested object where a text belongs', () => {
    expect(localeProblems('yy', reference, { a: { greet: 'Hi', bye: 'Bye' }, n: '{{count}} {{count}} pcs' })).toEqual([
      'yy: "a.greet" has placeholders [] but Finnish has [name]',
      'yy: "n" has placeholders [count, count] but Finnish has [count]',
    ]);
    expect(localeProblems('zz', { a: 'x' }, { a: { b: 'x' } })).toEqual([
      'zz: missing key "a"',
      'zz: extra key "a.b" (not in Finnish)',
    ]);
  });

  it('passes a correct locale', () => {
    expect(
      localeProblems('ok', reference, { a: { greet: '{{name}}, hello', bye: 'Bye' }, n: '{{count}} pcs' }),
    ).toEqual([]);
  });
});

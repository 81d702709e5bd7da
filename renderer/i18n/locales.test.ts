import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../protocol/events.ts';
import { HELP_LOCALES } from '../help/register-help-translations.ts';
import { createShellI18n, offeredLanguages, SHELL_LOCALES } from './create-i18n.ts';
import { localeProblems, type LocaleTree } from './locale-check.ts';

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

const NAMESPACES = {
  shell: { dir: new URL('./locales/', import.meta.url), registered: SHELL_LOCALES as Record<string, unknown> },
  help: { dir: new URL('../help/locales/', import.meta.url), registered: HELP_LOCALES as Record<string, unknown> },
};

describe.each(Object.entries(NAMESPACES))('%s locales', (namespace, { dir, registered }) => {
  const files = localeFiles(dir);
  const fi = files.get('fi');
  if (!fi) throw new Error(`${namespace}: no fi.json in ${dir.pathname}`);

  it('has a locale file for every protocol language, and no file for a language the protocol lacks', () => {
    expect([...files.keys()].sort()).toEqual([...LANGUAGES].sort());
  });

  it('registers every locale file', () => {
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

  it('names every language by its own name (endonym) in every locale', () => {
    for (const [language, strings] of Object.entries(SHELL_LOCALES))
      expect(strings.languages, language).toEqual(SHELL_LOCALES.fi.languages);
  });

  it.each([...LANGUAGES])('%s resolves its own texts through i18next', (language) => {
    const i18n = createShellI18n(language);
    expect(i18n.t('welcome.intro')).toBe(SHELL_LOCALES[language].welcome.intro);
    expect(i18n.t('idle.body', { seconds: 30 })).toContain('30');
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

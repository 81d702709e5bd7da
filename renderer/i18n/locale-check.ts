/**
 * Compares a translation with the Finnish reference and lists what is wrong, one line per problem
 * (used by locales.test.ts; pure, so it runs anywhere).
 */

/** A locale file: nested objects whose leaves are texts. */
export interface LocaleTree {
  readonly [key: string]: string | LocaleTree;
}

/** `{ a: { b: 'x' } }` → `{ 'a.b': 'x' }`; a leaf that is not a string is kept as is so it can be reported. */
export function flattenLocale(tree: LocaleTree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      for (const [k, v] of flattenLocale(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** The `{{name}}` placeholders of a text, sorted (a placeholder used twice counts twice). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

/**
 * Problems of `locale` against `reference`: missing keys, extra keys, texts that are not strings or
 * are empty, and placeholders that differ from the reference's for the same key. `label` names the
 * locale in each line, e.g. `ru (shell)`.
 */
export function localeProblems(label: string, reference: LocaleTree, locale: LocaleTree): string[] {
  const ref = flattenLocale(reference);
  const own = flattenLocale(locale);
  const problems: string[] = [];
  for (const key of ref.keys()) if (!own.has(key)) problems.push(`${label}: missing key "${key}"`);
  for (const [key, text] of own) {
    if (!ref.has(key)) {
      problems.push(`${label}: extra key "${key}" (not in Finnish)`);
      continue;
    }
    if (typeof text !== 'string') {
      problems.push(`${label}: "${key}" is not a text`);
      continue;
    }
    if (text.trim() === '') {
      problems.push(`${label}: "${key}" is empty`);
      continue;
    }
    const expected = placeholders(String(ref.get(key)));
    const actual = placeholders(text);
    if (expected.join('|') !== actual.join('|'))
      problems.push(
        `${label}: "${key}" has placeholders [${actual.join(', ')}] but Finnish has [${expected.join(', ')}]`,
      );
  }
  return problems;
}

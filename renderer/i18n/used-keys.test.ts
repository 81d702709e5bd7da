/**
 * Every key the renderer passes to `t(...)` exists in Finnish, in the namespace the file uses.
 *
 * This is the test-time guard for typed keys: a global i18next `CustomTypeOptions` would make
 * `t('no.such.key')` a compile error, but tsconfig.web.json also compiles central/web, whose own
 * i18next instances use other namespaces (see renderer/i18n/README.md, "Typed keys").
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import helpFi from '../help/locales/fi.json';
import { flattenLocale } from './locale-check.ts';
import shellFi from './locales/fi.json';

const RENDERER = new URL('../', import.meta.url);
const SKIP = new Set(['i18n', 'preview']);

function sourceFiles(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    if (statSync(url).isDirectory()) return SKIP.has(name) ? [] : sourceFiles(new URL(`${name}/`, dir));
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [url] : [];
  });
}

/** The first argument of every `t(` call, as source text. */
function firstArguments(source: string): string[] {
  const out: string[] = [];
  for (const match of source.matchAll(/(?<![\w$.])t\(/g)) {
    let depth = 0;
    let quote: string | null = null;
    let i = (match.index ?? 0) + 2;
    const start = i;
    for (; i < source.length; i++) {
      const c = source[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
    }
    out.push(source.slice(start, i));
  }
  return out;
}

/** Keys named in a first argument: string literals that look like keys, and template prefixes such as `topic.`. */
function keysIn(argument: string): { exact: string[]; prefixes: string[] } {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const m of argument.matchAll(/'([^']*)'|"([^"]*)"|`([^`]*)`/g)) {
    const text = m[1] ?? m[2] ?? m[3] ?? '';
    if (m[3] !== undefined && text.includes('${')) prefixes.push(text.slice(0, text.indexOf('${')));
    else if (text.includes('.')) exact.push(text);
  }
  return { exact, prefixes };
}

const namespaces: Record<string, Map<string, unknown>> = {
  shell: flattenLocale(shellFi),
  help: flattenLocale(helpFi),
};

describe('keys used by the renderer', () => {
  const files = sourceFiles(RENDERER);

  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('every t(...) key exists in Finnish in the namespace the file uses', () => {
    const problems: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const namespace = /useTranslation\(\s*'help'\s*\)/.test(source) ? 'help' : 'shell';
      const keys = namespaces[namespace] ?? new Map<string, unknown>();
      const where = file.pathname.slice(RENDERER.pathname.length);
      for (const argument of firstArguments(source)) {
        const { exact, prefixes } = keysIn(argument);
        for (const key of exact)
          if (!keys.has(key)) problems.push(`renderer/${where}: t('${key}') is not a ${namespace} key in fi.json`);
        for (const prefix of prefixes)
          if (prefix && ![...keys.keys()].some((key) => key.startsWith(prefix)))
            problems.push(`renderer/${where}: no ${namespace} key starts with "${prefix}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the scanner sees literal, conditional and template keys', () => {
    const args = firstArguments("t('a.b'); t(x ? 'c.d' : 'e.f', { n: 1 }); t(`g.${h}`); i18n.t('no'); format(1)");
    expect(args).toEqual(["'a.b'", "x ? 'c.d' : 'e.f'", '`g.${h}`']);
    expect(keysIn(args[1] ?? '')).toEqual({ exact: ['c.d', 'e.f'], prefixes: [] });
    expect(keysIn(args[2] ?? '')).toEqual({ exact: [], prefixes: ['g.'] });
  });
});

// @ts-check
/**
 * Lint for the whole repository. Besides the usual TypeScript and React hooks rules, it encodes
 * the "may import" column of ARCHITECTURE.md as import zones, so a layer break fails `npm run lint`
 * (and `scripts/lint-layers.test.ts` proves that it does). VS Code's `local/code-layering` rule is
 * the model: layering checked by a machine, not by memory.
 *
 * How to add a folder: give it a row in ARCHITECTURE.md, then a zone below that lists what it must
 * not import, and, if it runs in a browser or in core, add it to `runtimeAgnostic`.
 */
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every top folder of ours; a zone forbids all of them except the ones a layer may use. */
const OURS = [
  'core',
  'protocol',
  'main',
  'preload',
  'renderer',
  'central',
  'kiosk-config',
  'tests',
  'bench',
  'scripts',
];

/**
 * A zone: files under `target` may import nothing of ours except from `allowed` (itself is always
 * allowed). `message` is what the engineer who broke the rule reads.
 * @param {string} target
 * @param {string[]} allowed
 * @param {string} message
 */
function onlyFrom(target, allowed, message) {
  const top = target.split('/')[0] ?? target;
  const from = OURS.filter((folder) => folder !== top && !allowed.includes(folder)).map((folder) => `./${folder}`);
  return { target: `./${target}`, from, message };
}

/** Files that run in a browser, or in core/protocol (which must run in any host): no Node, no Electron. */
const runtimeAgnostic = [
  'core/**/*.{ts,tsx}',
  'protocol/**/*.ts',
  'renderer/**/*.{ts,tsx}',
  'central/web/**/*.{ts,tsx}',
];
/** Node-side files inside those folders: tests run in vitest, configs and servers run in Node. */
const nodeInsideBrowserFolders = [
  '**/*.test.{ts,tsx}',
  '**/vite.config.ts',
  'renderer/preview/serve.ts',
  'renderer/build.ts',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'screenshots/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      '.data/**',
      'central/web/**/dist/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // One program per runtime, as `npm run typecheck` builds them.
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.browser-tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      // Ports are async; an adapter that happens to be synchronous stays `async` so a throw becomes
      // a rejection the caller already handles.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Promise-returning handlers passed to Node/DOM/fastify callbacks are the norm here.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            onlyFrom('core', ['protocol'], 'core/ may import only protocol/ (ARCHITECTURE.md).'),
            onlyFrom('protocol', [], 'protocol/ imports nothing of ours (ARCHITECTURE.md).'),
            onlyFrom('main', ['core', 'protocol'], 'main/ may import only core/ and protocol/ (ARCHITECTURE.md).'),
            onlyFrom('preload', ['protocol'], 'preload/ may import only protocol/ (ARCHITECTURE.md).'),
            onlyFrom(
              'renderer',
              ['protocol'],
              'renderer/ may import only protocol/; the shell talks to the station through window.kiosk (only renderer/preview/ runs core/).',
            ),
            onlyFrom('central', ['protocol', 'core'], 'central/ may import only protocol/ (ARCHITECTURE.md).'),
            // ADR 0010: central validates remote config overrides with the station's own schema, so it
            // may import core/config (and the navigation policy that schema uses), nothing else of core.
            {
              target: './central',
              from: './core',
              except: ['./config', './navigation/policy.ts'],
              message: 'central/ may import only protocol/, and core/config for the station config schema (ADR 0010).',
            },
            {
              target: './central/web',
              from: './core',
              message: 'central/web/ runs in the browser: it may import protocol/ only.',
            },
            {
              target: './central/web',
              from: './central',
              except: ['./web'],
              message: 'central/web/ runs in the browser: it may import protocol/ only, never central server modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser host runs core/ in the page; a later block replaces the rule's options for these files.
    files: ['renderer/preview/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [onlyFrom('renderer', ['protocol', 'core'], 'renderer/preview/ may import only core/ and protocol/.')],
        },
      ],
    },
  },
  {
    files: runtimeAgnostic,
    ignores: nodeInsideBrowserFolders,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'import-x/no-nodejs-modules': ['error'],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/ and preload/ import electron.' }] },
      ],
    },
  },
  {
    files: ['core/**/*.ts', 'protocol/**/*.ts'],
    ignores: nodeInsideBrowserFolders,
    // core and protocol run in every host: neither Node's nor the browser's globals are theirs.
    languageOptions: { globals: {} },
  },
  {
    files: ['renderer/**/*.tsx', 'central/web/**/*.tsx', 'renderer/**/use-*.ts', 'central/web/**/use-*.ts'],
    ...reactHooks.configs.flat['recommended-latest'],
  },
  {
    files: ['renderer/**/*.tsx', 'central/web/**/*.tsx', 'renderer/**/use-*.ts', 'central/web/**/use-*.ts'],
    rules: {
      // The shell mirrors state pushed by the station (phase, help status) into local UI state in
      // effects on purpose: one extra render when the station changes phase is invisible, while the
      // "adjust state during render" rewrite this rule asks for is easy to get subtly wrong.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // vitest's expect(obj.method) and fakes' method references are how tests observe calls.
    files: ['**/*.test.{ts,tsx}', '**/testing/**', 'tests/**', 'bench/**'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);

/**
 * Proves that `npm run lint` enforces ARCHITECTURE.md's "may import" column: each forbidden import
 * below, linted as if it sat in the named file, must be reported by the layer rules, and each
 * allowed one must not. If someone loosens eslint.config.js, this fails.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// Type-aware parsing needs the file in a tsconfig; these snippets lint as plain TypeScript, which
// is all the import rules look at.
const eslint = new ESLint({
  overrideConfig: [{ ...tseslint.configs.disableTypeChecked, languageOptions: { parserOptions: { project: null } } }],
});

const LAYER_RULES = ['import-x/no-restricted-paths', 'import-x/no-nodejs-modules', 'no-restricted-imports'];

/** The layer-rule messages ESLint reports for `source` placed at `filePath`. */
async function layerProblems(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId !== null && LAYER_RULES.includes(message.ruleId))
    .map((message) => `${message.ruleId}: ${message.message}`);
}

const forbidden: [file: string, source: string][] = [
  ['core/session/example.ts', "import '../../main/station.ts';"],
  ['core/session/example.ts', "import { readFileSync } from 'node:fs';"],
  ['core/session/example.ts', "import 'fs';"],
  ['core/session/example.ts', "import 'electron';"],
  ['core/session/example.ts', "import '../../central/app.ts';"],
  ['protocol/example.ts', "import '../core/ports.ts';"],
  ['protocol/example.ts', "import 'node:path';"],
  ['renderer/components/Example.tsx', "import { readFileSync } from 'node:fs';"],
  ['renderer/components/Example.tsx', "import '../../core/session/station-controller.ts';"],
  ['renderer/components/Example.tsx', "import '../../main/window.ts';"],
  ['renderer/preview/example.ts', "import '../../main/window.ts';"],
  ['central/web/dashboard/example.ts', "import '../../dashboard/dashboard-queries.ts';"],
  ['central/web/console/Example.tsx', "import 'node:crypto';"],
  ['central/ingest/example.ts', "import '../../core/ports.ts';"],
  ['main/example.ts', "import '../central/app.ts';"],
  ['main/example.ts', "import '../renderer/main.tsx';"],
  ['preload/example.ts', "import '../core/ports.ts';"],
];

const allowed: [file: string, source: string][] = [
  ['core/session/example.ts', "import '../../protocol/events.ts';"],
  ['renderer/components/Example.tsx', "import '../../protocol/ipc.ts';"],
  ['renderer/preview/example.ts', "import '../../core/ports.ts';"],
  ['central/web/dashboard/example.ts', "import '../../../protocol/events.ts';"],
  ['central/ingest/example.ts', "import { createHash } from 'node:crypto';"],
  ['main/example.ts', "import '../core/ports.ts'; import 'electron'; import 'node:fs';"],
  ['preload/example.ts', "import 'electron'; import '../protocol/ipc.ts';"],
  ['core/session/example.test.ts', "import { readFileSync } from 'node:fs';"],
];

describe('the layer rules of ARCHITECTURE.md', () => {
  it.each(forbidden)('reject %s doing: %s', async (file, source) => {
    expect(await layerProblems(file, source)).not.toEqual([]);
  });

  it.each(allowed)('accept %s doing: %s', async (file, source) => {
    expect(await layerProblems(file, source)).toEqual([]);
  });
});

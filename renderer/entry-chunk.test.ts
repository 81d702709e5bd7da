/**
 * What the first screen's chunk holds: the welcome screen, not the screens after it. A static
 * import of a launcher, dialog, help-panel or locale module (or of a module that brings in zod or
 * the whole of lodash) would silently put it back on every start's critical path; this build
 * names the module that did. Timings live in bench/ (`npm run bench:station`), not here.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const renderer = fileURLToPath(new URL('./', import.meta.url));

async function entryModules(): Promise<string[]> {
  const result = (await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    logLevel: 'silent',
    build: { write: false, manifest: false },
  })) as Rollup.RollupOutput;
  const entry = result.output.find((item): item is Rollup.OutputChunk => item.type === 'chunk' && item.isEntry);
  if (!entry) throw new Error('no entry chunk in the build');
  return Object.keys(entry.modules).map((id) =>
    id.startsWith(renderer) ? id.slice(renderer.length) : id.replace(/^.*node_modules\//, 'node_modules/'),
  );
}

describe("the welcome screen's entry chunk", () => {
  it('holds no later screen, dialog, help panel, language texts, station core, zod or whole lodash', async () => {
    const modules = await entryModules();
    expect(modules).toContain('components/WelcomeScreen.tsx');
    const misplaced = modules.filter((id) =>
      [
        /^components\/(Launcher|Toolbar|ServiceArea|BlockedNotice|AccessibilityPanel|ResetScreen|OutOfOrderScreen)\.tsx$/,
        /^components\/(EndSessionDialog|FilesPanel|LanguageDialog|IdleWarningDialog|ClosableDialog)\.tsx$/,
        /^help\/(HelpPanel|HelpChat|HelpContacts)\.tsx$/,
        /locales\/.*\.json$/,
        /^preview\//,
        // The station (core/) runs in the host, or in the preview host's own chunk.
        /^(?!node_modules\/)(.*\/)?core\//,
        /^node_modules\/zod\//,
        /^node_modules\/lodash\/lodash\.js$/,
      ].some((pattern) => pattern.test(id)),
    );
    expect(misplaced).toEqual([]);
  }, 180_000);
});

/**
 * What the page's chunks hold. The entry (`boot.ts`) runs before the served welcome screen can be
 * pressed, so it holds no React, i18next or hds-react (ADR 0015). The app's chunk (`main.tsx`)
 * holds the welcome screen, not the screens after it. A static
 * import of a launcher, dialog, help-panel or locale module (or of a module that brings in zod or
 * the whole of lodash) would silently put it back on every start's critical path; this build
 * names the module that did. Timings live in bench/ (`npm run bench:station`), not here.
 */
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

const renderer = fileURLToPath(new URL('./', import.meta.url));

/** The source modules of the build's entry chunk and of the app's chunk, named relative to renderer/. */
async function buildChunks(): Promise<{ entry: string[]; app: string[] }> {
  const result = (await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    logLevel: 'silent',
    build: { write: false, manifest: false },
  })) as Rollup.RollupOutput;
  const chunks = result.output.filter((item): item is Rollup.OutputChunk => item.type === 'chunk');
  const entry = chunks.find((chunk) => chunk.isEntry);
  const app = chunks.find((chunk) => chunk.isDynamicEntry && chunk.moduleIds.includes(`${renderer}main.tsx`));
  if (!entry || !app) throw new Error('no entry or app chunk in the build');
  // A chunk with the chunks it imports statically: what must arrive and run before it can.
  const withImports = (chunk: Rollup.OutputChunk, seen = new Set<string>()): Rollup.OutputChunk[] => {
    if (seen.has(chunk.fileName)) return [];
    seen.add(chunk.fileName);
    const imported = chunks.filter((c) => chunk.imports.includes(c.fileName));
    return [chunk, ...imported.flatMap((c) => withImports(c, seen))];
  };
  const names = (chunk: Rollup.OutputChunk) =>
    withImports(chunk)
      .flatMap((c) => Object.keys(c.modules))
      .map((id) =>
        id.startsWith(renderer) ? id.slice(renderer.length) : id.replace(/^.*node_modules\//, 'node_modules/'),
      );
  return { entry: names(entry), app: names(app) };
}

/** One build for both tests. */
let built: Promise<{ entry: string[]; app: string[] }> | null = null;
const chunkModules = () => (built ??= buildChunks());

describe("the page's chunks", () => {
  it('start with a boot module that needs no React, i18next or hds-react to hold a press', async () => {
    const { entry } = await chunkModules();
    expect(entry).toContain('boot.ts');
    const heavy = entry.filter((id) =>
      [/^node_modules\/(react|react-dom|i18next|react-i18next|hds-react|scheduler)\//, /^components\//].some(
        (pattern) => pattern.test(id),
      ),
    );
    expect(heavy).toEqual([]);
  }, 180_000);

  it("hold in the app's chunk no later screen, dialog, help panel, language texts, station core, zod or whole lodash", async () => {
    const modules = (await chunkModules()).app;
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

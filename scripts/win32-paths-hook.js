// @ts-check
/**
 * Node module hook for child processes of the win32-path test run (`vitest.win32.config.ts`):
 * `node:path` / `path` resolve to `node:path/win32`, as the vitest alias does in the test itself,
 * so a child (e.g. the metrics queue crash writer) builds the same paths as the test that reads them.
 */
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  return next(specifier === 'path' || specifier === 'node:path' ? 'node:path/win32' : specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

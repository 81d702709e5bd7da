/**
 * The `app:` scheme the shell is served from: privileged before ready, with V8's code cache on so
 * a restarted station does not compile the shell's scripts from scratch. The fake refuses what
 * Electron refuses (code cache on a non-standard scheme, registration after ready), so a wrong
 * registration fails here and not only on a station.
 */
import { describe, expect, it } from 'vitest';
import { createFakeElectron } from './testing/fake-electron.ts';
import { registerShellScheme, SHELL_SCHEME } from './window.ts';

describe('the shell scheme', () => {
  it('is standard, secure, fetchable and keeps V8 code cache between starts', () => {
    const fake = createFakeElectron();
    registerShellScheme(fake.electron.protocol);
    expect(fake.schemePrivileges.get(SHELL_SCHEME)).toEqual({
      standard: true,
      secure: true,
      supportFetchAPI: true,
      codeCache: true,
    });
  });

  it('cannot have code cache without being standard, as Electron says', () => {
    const fake = createFakeElectron();
    expect(() =>
      fake.electron.protocol.registerSchemesAsPrivileged([{ scheme: 'x', privileges: { codeCache: true } }]),
    ).toThrow(/Code cache can only be enabled when the custom scheme is registered as standard scheme/);
    expect(fake.privilegedSchemes).toEqual([]);
  });

  it('is registered before the app is ready, the only time Electron accepts it', async () => {
    const fake = createFakeElectron();
    await fake.electron.app.whenReady();
    expect(() => registerShellScheme(fake.electron.protocol)).toThrow(/before app is ready/);
  });
});

import { describe, expect, it } from 'vitest';
import { allowKioskWindowCapture } from './screen-capture.ts';
import { createFakeElectron, type FakeSession } from './testing/fake-electron.ts';

function setup() {
  const fake = createFakeElectron();
  const electron = fake.electron;
  const other = new electron.BaseWindow({});
  const kiosk = new electron.BaseWindow({});
  const logs: string[] = [];
  const session = electron.session.defaultSession as unknown as FakeSession;
  allowKioskWindowCapture({
    session,
    window: kiosk,
    desktopCapturer: electron.desktopCapturer,
    shellOrigin: 'kiosk://shell',
    log: (message, details) => logs.push(`${message} ${JSON.stringify(details)}`),
  });
  return { fake, session, kiosk, other, logs };
}

describe('screen capture in Electron', () => {
  it('grants the shell the kiosk window, never the screen or another window, without a picker', async () => {
    const { session, kiosk, other } = setup();
    await expect(session.requestDisplayMedia()).resolves.toBe(kiosk.getMediaSourceId());
    expect(kiosk.getMediaSourceId()).not.toBe(other.getMediaSourceId());
    expect(session.displayMediaOptions).toEqual({ useSystemPicker: false });
  });

  it('refuses a page that is not the shell', async () => {
    const { session, logs } = setup();
    await expect(session.requestDisplayMedia({ securityOrigin: 'https://evil.example' })).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(logs).toEqual(['screen capture refused {"why":"not the shell"}']);
  });

  it('e-service partitions have no handler, so Electron refuses their capture', async () => {
    const { fake } = setup();
    const partition = fake.electron.session.fromPartition('visitor-1') as unknown as FakeSession;
    await expect(partition.requestDisplayMedia({ securityOrigin: 'https://www.kela.fi' })).rejects.toMatchObject({
      name: 'NotSupportedError',
    });
  });
});

describe('the fake refuses what Electron refuses', () => {
  it('a grant of a source desktopCapturer does not offer cannot start', async () => {
    const fake = createFakeElectron();
    const session = fake.electron.session.defaultSession as unknown as FakeSession;
    session.setDisplayMediaRequestHandler((_request, callback) =>
      callback({ video: { id: 'window:999:0', name: 'x' } }),
    );
    await expect(session.requestDisplayMedia()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('desktopCapturer rejects an empty type list', async () => {
    const fake = createFakeElectron();
    await expect(fake.electron.desktopCapturer.getSources({ types: [] })).rejects.toThrow(/types/);
  });
});

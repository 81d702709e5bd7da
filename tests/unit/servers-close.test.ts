import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEServiceServer } from '../fixtures/eservice-server.ts';
import { startPreviewServer } from '../../renderer/preview/serve.ts';

/**
 * Chromium opens spare sockets ahead of need (preconnect) and may leave them unused. Such a socket
 * is neither idle nor busy to Node, so a plain fastify close waited for the 60 s header timeout, and
 * a browser journey failed in its teardown ("Tearing down stationUrl exceeded the test timeout").
 */
describe('test servers close while a browser holds a preconnected socket', () => {
  const sockets: Socket[] = [];
  afterEach(() => sockets.splice(0).forEach((socket) => socket.destroy()));

  const preconnect = async (url: string): Promise<Socket> => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    await new Promise((resolve) => socket.once('connect', resolve));
    return socket;
  };
  const closedByServer = (socket: Socket) => new Promise((resolve) => socket.once('close', resolve));

  it('the preview station server', async () => {
    const dist = mkdtempSync(join(tmpdir(), 'preview-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
    const config = join(dist, 'config.json');
    writeFileSync(config, '{}');
    const preview = await startPreviewServer({
      port: 0,
      configPath: config,
      central: null,
      build: false,
      distDir: dist,
    });
    const socket = await preconnect(preview.url);
    const closed = closedByServer(socket);
    await preview.close();
    await closed;
  });

  it('the fake e-service', async () => {
    const eservice = await startEServiceServer();
    const socket = await preconnect(eservice.origin);
    const closed = closedByServer(socket);
    await eservice.close();
    await closed;
    expect(socket.destroyed).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLEET_EXIT_REASONS } from '../protocol/fleet.ts';
import { emptyFleetMemory } from '../core/fleet/fleet-memory.ts';
import { EXIT_CODES } from '../core/station/exit-codes.ts';
import { FakeFleetCentral } from '../core/testing/fake-fleet-central.ts';
import { OfflineHelp } from '../core/session/offline-help.ts';
import { configSourceOf, electronFleetPorts, FLEET_STATE_DIR, fileFleetStore } from './fleet-host.ts';
import { startTestStation } from './testing/station-fixture.ts';

const tempDir = () => mkdtempSync(join(tmpdir(), 'kiosk-fleet-'));

/** Lets the heartbeat's async steps run to the end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 1000; i++) await Promise.resolve();
}

describe('the Electron station’s fleet state on disk', () => {
  it('keeps what it saved across a restart, and nothing at all before the first save', () => {
    const dir = tempDir();
    expect(fileFleetStore(dir).load()).toBeNull();
    const memory = emptyFleetMemory();
    memory.outOfOrder = { reason: 'printer cable loose' };
    fileFleetStore(dir).save(memory);
    expect(fileFleetStore(dir).load()).toEqual(memory);
    expect(readdirSync(dir)).toEqual(['fleet-state.json']); // no temp file left behind
  });

  it('leaves the old state readable when a write is cut short before the rename', () => {
    const dir = tempDir();
    const before = emptyFleetMemory();
    fileFleetStore(dir).save(before);
    const failing = fileFleetStore(dir, {
      readFileSync,
      writeFileSync: () => undefined,
      mkdirSync: () => undefined,
      renameSync: () => {
        throw Object.assign(new Error('power cut'), { code: 'EIO' });
      },
    });
    expect(() => failing.save({ ...before, outOfOrder: { reason: 'x' } })).toThrow(/power cut/);
    expect(fileFleetStore(dir).load()).toEqual(before);
  });
});

describe('what the Electron station tells central about itself', () => {
  it('measures free disk of its data volume and free memory in MB, and hashes with sha256', async () => {
    const ports = electronFleetPorts({
      userDataDir: tempDir(),
      appVersion: '0.1.0',
      argv: [],
      env: { KIOSK_CONFIG: '/etc/kiosk/station.json' },
      lastRecycle: 'reset-step-failed',
      statfs: () => ({ bavail: 2_621_440, bsize: 4096 }),
      freemem: () => 3 * 1024 * 1024 * 1024,
    });
    expect(await ports.freeDiskMb()).toBe(10_240);
    expect(await ports.freeMemoryMb()).toBe(3072);
    expect(await ports.sha256('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(ports.configSource).toBe('environment');
    expect(ports.previousExit).toBe('resetStepFailed');
  });

  it('names the config file it read the way main/config.ts chose it', () => {
    expect(configSourceOf(['--config', '/x.json'], { KIOSK_CONFIG: '/y.json' })).toBe('flag');
    expect(configSourceOf(['--config=/x.json'], {})).toBe('flag');
    expect(configSourceOf([], { KIOSK_CONFIG: ' ' })).toBe('default');
  });

  it('counts exits by the same names the wire contract uses', () => {
    expect([...FLEET_EXIT_REASONS].sort()).toEqual(Object.keys(EXIT_CODES).sort());
  });

  it('reports a crashed shell in its next heartbeat, and restarts for IT with exit 74 on the fake Electron', async () => {
    const central = new FakeFleetCentral();
    const userData = tempDir();
    const t = await startTestStation({
      central: () => ({
        metrics: { record: () => undefined },
        help: new OfflineHelp(),
        fleet: { api: central, queueBacklog: async () => 0 },
      }),
      fleet: electronFleetPorts({
        userDataDir: userData,
        appVersion: '0.1.0',
        argv: ['--config', '/etc/kiosk/station.json'],
        env: {},
        lastRecycle: null,
        statfs: () => ({ bavail: 1024, bsize: 1024 * 1024 }),
        freemem: () => 512 * 1024 * 1024,
      }),
    });
    await settle();
    expect(central.lastHeartbeat()).toMatchObject({
      reason: 'start',
      host: 'electron',
      config: { source: 'flag' },
      freeDiskMb: 1024,
      freeMemoryMb: 512,
      crashesSinceLastReport: 0,
    });

    t.shell.crashes('crashed');
    central.pending.push({
      kind: 'restart-after-visitor',
      id: '00000000-0000-4000-8000-00000000aaaa',
      issuedAt: '2026-11-23T10:00:00.000Z',
    });
    t.clock.advance(60_000);
    await settle();
    expect(central.heartbeats[1]?.crashesSinceLastReport).toBe(1);
    expect(central.acks).toEqual([{ id: '00000000-0000-4000-8000-00000000aaaa', outcome: 'done', refusal: null }]);
    expect(t.fake.exitCodes).toContain(EXIT_CODES.remoteRestart);
    expect(JSON.parse(readFileSync(join(userData, FLEET_STATE_DIR, 'fleet-state.json'), 'utf8'))).toMatchObject({
      handled: [{ id: '00000000-0000-4000-8000-00000000aaaa' }],
    });
  });
});

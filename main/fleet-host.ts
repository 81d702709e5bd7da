/**
 * The Electron station's fleet ports (core/fleet): IT's remembered state in a JSON file under
 * userData, written atomically (temp file + rename, so a power cut leaves the old file or the new
 * one, never half of each); free disk of that volume (`fs.statfs`) and free system memory
 * (`os.freemem`); sha256 by node:crypto; which local config file was read; and why the previous
 * process ended, from the station state the recycle exit wrote.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statfsSync, writeFileSync } from 'node:fs';
import { freemem } from 'node:os';
import { join } from 'node:path';
import type { FleetExitReason, ConfigSource } from '../protocol/fleet.ts';
import type { FleetHostPorts } from '../core/fleet/fleet-agent.ts';
import type { FleetMemory, FleetStore } from '../core/fleet/fleet-memory.ts';
import type { RecycleReason } from '../core/session/reset-plan.ts';

/** Folder under userData that holds the fleet state (no visitor data: versions, ids, IT's texts). */
export const FLEET_STATE_DIR = 'fleet';
const FILE = 'fleet-state.json';

/** The file system calls the store needs (tests pass failing ones). */
export interface FleetFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  renameSync(from: string, to: string): void;
  mkdirSync(path: string, options: { recursive: true }): unknown;
}

const nodeFs: FleetFs = { readFileSync, writeFileSync, renameSync, mkdirSync };

/** `FleetStore` in `dir/fleet-state.json`; a missing file is "nothing remembered". */
export function fileFleetStore(dir: string, fs: FleetFs = nodeFs): FleetStore {
  const path = join(dir, FILE);
  return {
    load() {
      let text: string;
      try {
        text = fs.readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      return JSON.parse(text) as unknown;
    },
    save(memory: FleetMemory) {
      fs.mkdirSync(dir, { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      fs.writeFileSync(temp, JSON.stringify(memory));
      fs.renameSync(temp, path);
    },
  };
}

/** Which local config file the station read, by the precedence of `configPath` (main/config.ts). */
export function configSourceOf(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConfigSource {
  if (argv.some((a) => a === '--config' || a.startsWith('--config='))) return 'flag';
  const fromEnv = env['KIOSK_CONFIG'];
  return fromEnv && fromEnv.trim() !== '' ? 'environment' : 'default';
}

/** The exit-code name of a recycle reason, as the heartbeat counts it. */
const EXIT_REASON_OF_RECYCLE: Record<RecycleReason, FleetExitReason> = {
  'session-limit': 'sessionLimit',
  'memory-ceiling': 'memoryCeiling',
  'reset-step-failed': 'resetStepFailed',
  'remote-restart': 'remoteRestart',
};

export interface ElectronFleetDeps {
  /** `app.getPath('userData')`. */
  userDataDir: string;
  appVersion: string;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  /** The recycle that ended the previous process, if the station state remembered one. */
  lastRecycle: RecycleReason | null;
  /** Probes; the real ones by default (tests pass fixed or failing ones). */
  statfs?: (path: string) => { bavail: number; bsize: number };
  freemem?: () => number;
}

export function electronFleetPorts(deps: ElectronFleetDeps): FleetHostPorts {
  const dir = join(deps.userDataDir, FLEET_STATE_DIR);
  const statfs = deps.statfs ?? ((path: string) => statfsSync(path));
  const free = deps.freemem ?? freemem;
  const MB = 1024 * 1024;
  return {
    store: fileFleetStore(dir),
    appVersion: deps.appVersion,
    configSource: configSourceOf(deps.argv, deps.env),
    sha256: async (text) => createHash('sha256').update(text).digest('hex'),
    freeDiskMb: async () => {
      const stats = statfs(deps.userDataDir);
      return Math.floor((stats.bavail * stats.bsize) / MB);
    },
    freeMemoryMb: async () => Math.floor(free() / MB),
    previousExit: deps.lastRecycle ? EXIT_REASON_OF_RECYCLE[deps.lastRecycle] : null,
  };
}

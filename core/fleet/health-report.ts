/**
 * The heartbeat body: what IT sees of a station's health. Only versions, hashes, fixed-list values
 * and bounded counts — nothing about what a visitor did (docs/privacy.md, "Station health").
 */
import type { ConfigSource, ExitCounts, Heartbeat, HeartbeatReason, OutOfOrderCause } from '../../protocol/fleet.ts';
import type { RejectedRemoteConfig } from './remote-config.ts';

/** Everything a heartbeat is made of, gathered by the fleet agent from its ports. */
export interface HealthInputs {
  reason: HeartbeatReason;
  appVersion: string;
  host: 'electron' | 'preview';
  state: Heartbeat['state'];
  outOfOrderCause: OutOfOrderCause | null;
  configSource: ConfigSource;
  configHash: string;
  appliedVersion: number;
  rejected: RejectedRemoteConfig | null;
  startedAt: number;
  now: number;
  sessionsSinceStart: number;
  lastReset: Heartbeat['lastReset'];
  exits: ExitCounts;
  crashes: number;
  freeDiskMb: number | null;
  freeMemoryMb: number | null;
  centralReachable: boolean;
  queueBacklog: number;
}

const clamp = (value: number, max: number) => Math.max(0, Math.min(max, Math.round(value)));
const mb = (value: number | null, max: number) =>
  value === null || !Number.isFinite(value) ? null : clamp(value, max);

/** Builds a body that always fits the contract's bounds (a bad probe must not cost IT the heartbeat). */
export function healthReport(input: HealthInputs): Heartbeat {
  return {
    reason: input.reason,
    appVersion: input.appVersion,
    host: input.host,
    state: input.state,
    outOfOrderCause: input.state === 'out-of-order' ? input.outOfOrderCause : null,
    config: {
      source: input.configSource,
      hash: input.configHash,
      appliedVersion: input.appliedVersion,
      rejected: input.rejected
        ? {
            version: input.rejected.version,
            problem: input.rejected.problem,
            ...(input.rejected.field !== undefined ? { field: input.rejected.field } : {}),
          }
        : null,
    },
    uptimeSeconds: clamp((input.now - input.startedAt) / 1000, 366 * 24 * 3600),
    sessionsSinceStart: clamp(input.sessionsSinceStart, 100_000),
    lastReset: input.lastReset,
    exitsSinceLastReport: input.exits,
    crashesSinceLastReport: clamp(input.crashes, 10_000),
    freeDiskMb: mb(input.freeDiskMb, 100_000_000),
    freeMemoryMb: mb(input.freeMemoryMb, 10_000_000),
    central: { reachable: input.centralReachable, queueBacklog: clamp(input.queueBacklog, 10_000_000) },
  };
}

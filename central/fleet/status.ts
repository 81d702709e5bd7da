/**
 * A station's status and problems, derived on read from its last heartbeat, the recent history
 * and its opening hours. Pure, so the rules are tested without a server.
 */
import type { FleetProblem, FleetStatus, OpeningHours } from '../../protocol/fleet.ts';
import type { FleetConfig } from './fleet-config.ts';
import { isOpen } from './opening-hours.ts';

/** What the status needs from the station's row (null when never heard from). */
export interface LastHeartbeat {
  lastSeenAt: number;
  state: 'idle' | 'in-session' | 'out-of-order';
  rejectedVersion: number | null;
  freeDiskMb: number | null;
  freeMemoryMb: number | null;
  centralReachable: boolean;
  queueBacklog: number;
}

/** Sums over the problem window (`problemWindowMinutes`). */
export interface RecentCounts {
  failedResets: number;
  /** Process starts; 0 for a browser preview, whose every page load is a start (fleet-service snapshot). */
  starts: number;
  crashes: number;
}

/** Below these the station is short of room; a hint, not a status. */
export const LOW_DISK_MB = 1024;
export const LOW_MEMORY_MB = 256;
export const QUEUE_BACKLOG_WARNING = 1000;

export interface DerivedStatus {
  status: FleetStatus;
  problems: FleetProblem[];
  openNow: boolean;
}

export function deriveStatus(input: {
  last: LastHeartbeat | null;
  recent: RecentCounts;
  hours: OpeningHours;
  now: number;
  currentConfigVersion: number;
  config: Pick<FleetConfig, 'offlineAfterSeconds' | 'failedResetsForAlert' | 'startsForRestartLoop'>;
}): DerivedStatus {
  const { last, recent, now, config } = input;
  const openNow = isOpen(input.hours, now);
  if (!last) return { status: 'unknown', problems: [], openNow };
  const problems: FleetProblem[] = [];
  const offline = now - last.lastSeenAt > config.offlineAfterSeconds * 1000;
  if (offline && openNow) problems.push('offline-during-hours');
  if (recent.failedResets >= config.failedResetsForAlert) problems.push('failing-resets');
  if (recent.starts >= config.startsForRestartLoop) problems.push('restart-loop');
  // Only the version central still holds counts: an older rejected one has been superseded.
  if (last.rejectedVersion !== null && last.rejectedVersion === input.currentConfigVersion)
    problems.push('config-rejected');
  if (recent.crashes > 0) problems.push('crashes');
  if (last.freeDiskMb !== null && last.freeDiskMb < LOW_DISK_MB) problems.push('low-disk');
  if (last.freeMemoryMb !== null && last.freeMemoryMb < LOW_MEMORY_MB) problems.push('low-memory');
  if (!last.centralReachable) problems.push('central-unreachable');
  if (last.queueBacklog > QUEUE_BACKLOG_WARNING) problems.push('queue-backlog');

  let status: FleetStatus;
  if (offline) status = openNow ? 'offline' : 'closed';
  else if (last.state === 'out-of-order') status = 'out-of-order';
  else if (problems.some((p) => p === 'failing-resets' || p === 'restart-loop' || p === 'config-rejected'))
    status = 'failing';
  else status = last.state === 'in-session' ? 'online-in-use' : 'online-idle';
  return { status, problems, openNow };
}

/**
 * What the station remembers about the fleet across restarts: the last remote config that worked,
 * the actions it has already handled (so a re-sent one is acknowledged, never run twice), IT's
 * welcome message and out-of-order switch, and the exits and crashes central has not heard of yet.
 * Nothing here is about a visitor.
 *
 * The host keeps it (`FleetStore`): a file written atomically under the app's data folder in
 * Electron, localStorage in the preview. Reads are synchronous because the station composes
 * synchronously and must start on the last good config before anything else happens.
 */
import {
  actionAckSchema,
  exitCountsSchema,
  fleetLocalizedTextSchema,
  remoteConfigSchema,
  type ActionAck,
  type ExitCounts,
  type FleetLocalizedText,
  type RemoteConfig,
} from '../../protocol/fleet.ts';
import { lazySchema } from '../../protocol/lazy-schema.ts';
import { z } from 'zod';

/** How many handled action ids are kept; central re-sends only unacknowledged ones, so a few suffice. */
export const HANDLED_ACTIONS_KEPT = 100;

/** The remembered state. */
export interface FleetMemory {
  /** The newest remote config that merged over the local file and validated; null = local file only. */
  lastGood: RemoteConfig | null;
  /** Acknowledgements of handled actions, oldest first (re-sent when central sends the id again). */
  handled: ActionAck[];
  /** IT's message for the welcome screen, until `until` (epoch ms); null when none. */
  welcomeMessage: { text: FleetLocalizedText; until: number } | null;
  /** IT switched the station out of order, with the reason for staff; null when not. */
  outOfOrder: { reason: string | null } | null;
  /** Exits and crashes since the last heartbeat central accepted. */
  unreported: { exits: ExitCounts; crashes: number };
}

/** Port: where the host keeps `FleetMemory`. `load` returns what was saved (or null), unparsed. */
export interface FleetStore {
  load(): unknown;
  /** Replaces the saved state whole; a crash mid-write must leave the old state readable. */
  save(memory: FleetMemory): void;
}

export function emptyFleetMemory(): FleetMemory {
  return { lastGood: null, handled: [], welcomeMessage: null, outOfOrder: null, unreported: { exits: {}, crashes: 0 } };
}

// Built when a saved state is first read, not when the station's code loads (issue 15).
const memorySchema = lazySchema(() =>
  z.object({
    lastGood: remoteConfigSchema.nullable(),
    handled: z.array(actionAckSchema).max(HANDLED_ACTIONS_KEPT),
    welcomeMessage: z.object({ text: fleetLocalizedTextSchema, until: z.number().int() }).nullable(),
    outOfOrder: z.object({ reason: z.string().max(200).nullable() }).nullable(),
    unreported: z.object({ exits: exitCountsSchema, crashes: z.number().int().min(0).max(10_000) }),
  }),
);

/**
 * Reads the saved state. Anything unreadable (an old shape, a hand edit, a torn write) starts
 * fresh rather than keeping the station from starting: the local file still works.
 */
export function loadFleetMemory(store: FleetStore, log: (message: string) => void): FleetMemory {
  let raw: unknown;
  try {
    raw = store.load();
  } catch {
    log('fleet memory cannot be read; starting from the local config');
    return emptyFleetMemory();
  }
  if (raw === null || raw === undefined) return emptyFleetMemory();
  const parsed = memorySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  log('fleet memory is unreadable; starting from the local config');
  return emptyFleetMemory();
}

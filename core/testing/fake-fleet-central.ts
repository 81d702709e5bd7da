import {
  heartbeatSchema,
  type ActionAck,
  type FleetAction,
  type Heartbeat,
  type HeartbeatReply,
  type RemoteConfig,
} from '../../protocol/fleet.ts';
import { FleetCallError, type FleetApi } from '../fleet/fleet-api.ts';
import type { FleetHostPorts } from '../fleet/fleet-agent.ts';
import type { FleetMemory, FleetStore } from '../fleet/fleet-memory.ts';

/**
 * Central's fleet routes as the station sees them, in memory: it records every heartbeat (checked
 * against the wire contract) and ack, and re-sends actions until they are acknowledged, as the
 * real central does.
 */
export class FakeFleetCentral implements FleetApi {
  readonly heartbeats: Heartbeat[] = [];
  readonly acks: ActionAck[] = [];
  configFetches = 0;
  /** What `/config` answers; `configVersion` in replies follows it. */
  config: RemoteConfig = { version: 0, overrides: {} };
  /** What `/config` answers instead, when set (an answer outside the contract, or none). */
  configProblem: FleetCallError | null = null;
  /** Unacknowledged actions, re-sent with every reply. */
  pending: FleetAction[] = [];
  nextHeartbeatSeconds = 60;
  down = false;
  private answered = true; // as the real api: no call has failed yet

  async heartbeat(body: Heartbeat): Promise<HeartbeatReply> {
    this.check();
    this.heartbeats.push(heartbeatSchema.parse(body));
    return {
      actions: [...this.pending],
      configVersion: this.config.version,
      nextHeartbeatSeconds: this.nextHeartbeatSeconds,
    };
  }

  async remoteConfig(): Promise<RemoteConfig> {
    this.check();
    this.configFetches += 1;
    if (this.configProblem) throw this.configProblem;
    return structuredClone(this.config);
  }

  async ack(acks: ActionAck[]): Promise<void> {
    this.check();
    this.acks.push(...acks);
    const done = new Set(acks.map((a) => a.id));
    this.pending = this.pending.filter((a) => !done.has(a.id));
  }

  reachable(): boolean {
    return this.answered;
  }

  lastHeartbeat(): Heartbeat {
    const last = this.heartbeats[this.heartbeats.length - 1];
    if (!last) throw new Error('no heartbeat yet');
    return last;
  }

  private check(): void {
    this.answered = !this.down;
    if (this.down) throw new FleetCallError('unreachable', 'central is down');
  }
}

/** A `FleetStore` in memory, saved as JSON like the real ones (so a test restart reads what a host would). */
export class MemoryFleetStore implements FleetStore {
  saved: string | null = null;
  load(): unknown {
    return this.saved === null ? null : JSON.parse(this.saved);
  }
  save(memory: FleetMemory): void {
    this.saved = JSON.stringify(memory);
  }
}

/** Host fleet ports with fixed probes. */
export function fakeFleetHost(store: FleetStore, overrides: Partial<FleetHostPorts> = {}): FleetHostPorts {
  return {
    store,
    appVersion: '0.1.0',
    configSource: 'flag',
    sha256: async (text) => {
      // Not a real sha256: a stable 64-hex digest of the text is all the tests compare.
      let h = 0;
      for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
      return h.toString(16).padStart(8, '0').repeat(8);
    },
    freeDiskMb: async () => 20_480,
    freeMemoryMb: async () => 3_072,
    previousExit: null,
    ...overrides,
  };
}

/**
 * The station's calls to central's fleet routes, over the host's `fetch` and the station token
 * (the same ones metrics and help use). Every reply is parsed with the wire contract, so a reply
 * central should never send is a `bad-response`, not a crash.
 */
import {
  actionAckBatchSchema,
  FLEET_STATION_PREFIX,
  heartbeatReplySchema,
  remoteConfigSchema,
  type ActionAck,
  type Heartbeat,
  type HeartbeatReply,
  type RemoteConfig,
} from '../../protocol/fleet.ts';

/** Why a call to central gave nothing usable. */
export class FleetCallError extends Error {
  constructor(
    readonly problem: 'unreachable' | 'bad-response',
    message: string,
  ) {
    super(message);
    this.name = 'FleetCallError';
  }
}

/** Port: central's fleet API as the station uses it. Every method rejects with `FleetCallError`. */
export interface FleetApi {
  heartbeat(body: Heartbeat): Promise<HeartbeatReply>;
  /** The merged overrides for this station and their version. */
  remoteConfig(): Promise<RemoteConfig>;
  ack(acks: ActionAck[]): Promise<void>;
  /**
   * False from a call central did not answer until the next one it does; true before any call.
   * Central only ever reads this in a heartbeat that reached it, so "unknown" at start is not "unreachable".
   */
  reachable(): boolean;
}

export interface FetchFleetApiPorts {
  centralUrl: string;
  /** The station token; null while the station is not enrolled (calls then fail as unreachable). */
  token(): string | null;
  fetch: typeof globalThis.fetch;
}

/** The `fetch`-based client (Electron main, the preview, tests with a real central). */
export function createFetchFleetApi(ports: FetchFleetApiPorts): FleetApi {
  let answered = true;
  const base = `${ports.centralUrl.replace(/\/+$/, '')}${FLEET_STATION_PREFIX}`;

  async function call(path: string, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<unknown> {
    const token = ports.token();
    if (token === null) throw new FleetCallError('unreachable', 'no station token');
    let response: Response;
    try {
      response = await ports.fetch(`${base}${path}`, {
        method: init.method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      answered = false;
      throw new FleetCallError('unreachable', error instanceof Error ? error.message : String(error));
    }
    answered = true;
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new FleetCallError('bad-response', `${path} answered ${response.status}`);
    try {
      return text === '' ? null : (JSON.parse(text) as unknown);
    } catch {
      throw new FleetCallError('bad-response', `${path} answered with something that is not JSON`);
    }
  }

  function parse<T>(
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    v: unknown,
    path: string,
  ): T {
    const result = schema.safeParse(v);
    if (!result.success) throw new FleetCallError('bad-response', `${path} answered outside the contract`);
    return result.data;
  }

  return {
    async heartbeat(body) {
      return parse(heartbeatReplySchema, await call('/heartbeat', { method: 'POST', body }), '/heartbeat');
    },
    async remoteConfig() {
      return parse(remoteConfigSchema, await call('/config', { method: 'GET' }), '/config');
    },
    async ack(acks) {
      if (acks.length === 0) return;
      for (let i = 0; i < acks.length; i += 50) {
        const batch = actionAckBatchSchema.parse({ acks: acks.slice(i, i + 50) });
        await call('/actions/ack', { method: 'POST', body: batch });
      }
    },
    reachable: () => answered,
  };
}

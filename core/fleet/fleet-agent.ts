/**
 * The station's side of fleet management: it sends health heartbeats (at start, after each reset
 * and on central's interval), runs IT's remote actions once each and acknowledges them, and
 * fetches and applies central's config overrides — never during a visit.
 *
 *   start / reset-done / timer ─▶ heartbeat(health) ─▶ central
 *                                   ◀─ reply: actions, config version, next interval
 *   actions ─▶ run now (welcome message, out of order off) or once no visitor is in session
 *              (restart, out of order on); reset-now is refused during a visit; acks ─▶ central
 *   config version ≠ applied ─▶ (no visitor) fetch ─▶ merge over local file ─▶ validate
 *              ├─ valid:   kept as last good, then the process restarts on it (a fresh station
 *              │           built from one config, so no part keeps running on the old one)
 *              └─ invalid: kept running on the last good; the heartbeat says which version failed
 *
 * It reaches the station only through `FleetStation` (the controller's public face) and the
 * world through ports; tests drive it with a fake central and the manual clock.
 */
import {
  DEFAULT_HEARTBEAT_SECONDS,
  type ActionAck,
  type ConfigSource,
  type FleetAction,
  type FleetExitReason,
  type HeartbeatReason,
  type HeartbeatReply,
} from '../../protocol/fleet.ts';
import type { IpcHandlers, StationView } from '../../protocol/ipc.ts';
import type { SessionEndReason } from '../../protocol/events.ts';
import type { StationConfig } from '../config/schema.ts';
import type { Clock, TimerHandle } from '../ports.ts';
import type { ResetOutcome } from '../session/reset-plan.ts';
import { FleetCallError, type FleetApi } from './fleet-api.ts';
import { HANDLED_ACTIONS_KEPT, type FleetMemory, type FleetStore } from './fleet-memory.ts';
import { healthReport } from './health-report.ts';
import { mergeRemoteConfig, type RejectedRemoteConfig, type StartingConfig } from './remote-config.ts';
import { welcomeMessageFor } from './welcome-message.ts';

/** What the agent needs of the running station (the controller satisfies it). */
export interface FleetStation {
  /** True when nobody is using the station: the only time config, restarts and resets may happen. */
  waitingForVisitor(): boolean;
  view(): StationView;
  subscribe(listener: (view: StationView) => void): () => void;
  lastReset(): ResetOutcome | null;
  end(reason: SessionEndReason): Promise<void>;
}

/** Port: what only the host can measure or do for the fleet agent. */
export interface FleetHostPorts {
  store: FleetStore;
  appVersion: string;
  /** Which local config file the station read (`--config`, `KIOSK_CONFIG` or the shipped default). */
  configSource: ConfigSource;
  /** sha256 of a text, lower-case hex (node:crypto in Electron, WebCrypto in the preview). */
  sha256(text: string): Promise<string>;
  /** Free disk on the station's data volume in MB, or null where the host cannot tell. */
  freeDiskMb(): Promise<number | null>;
  /** Free system memory in MB, or null where the host cannot tell. */
  freeMemoryMb(): Promise<number | null>;
  /** Why the previous process ended, when the host knows (counted once in the next accepted heartbeat). */
  previousExit: FleetExitReason | null;
}

export interface FleetAgentDeps {
  api: FleetApi;
  host: FleetHostPorts;
  /** The remembered state, already loaded (the composition started on its last good config). */
  memory: FleetMemory;
  clock: Clock;
  station: FleetStation;
  /** The local file's config, which every remote config is merged over. */
  localConfig: StationConfig;
  /** The config the station started on, and which remote version it includes. */
  starting: StartingConfig;
  hostKind: 'electron' | 'preview';
  /** Metrics events waiting to be sent (the queue's count). */
  queueBacklog(): Promise<number>;
  /** Ends the process (or page) so a fresh one starts, on the last good config. */
  restart(): void;
  log(message: string, details?: Record<string, unknown>): void;
}

export class FleetAgent {
  private readonly startedAt: number;
  private appliedVersion: number;
  private rejected: RejectedRemoteConfig | null;
  private sessions = 0;
  private lastReset: 'none' | 'ok' | 'failed' = 'none';
  private timer: TimerHandle | null = null;
  private expiryTimer: TimerHandle | null = null;
  private sending = false;
  private queued: HeartbeatReason | null = null;
  private stopped = false;
  /** Version central says is current and not yet applied (fetched once no visitor is in session). */
  private wantedVersion: number | null = null;
  private pendingRestart: string | null = null;
  private pendingOutOfOrder: Extract<FleetAction, { kind: 'out-of-order' }> | null = null;
  private runningPending = false;
  private lastPhase: StationView['phase'];
  private configHash: Promise<string>;
  private readonly changeListeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: FleetAgentDeps) {
    this.startedAt = deps.clock.now();
    this.appliedVersion = deps.starting.appliedVersion;
    this.rejected = deps.starting.rejected;
    this.lastPhase = deps.station.view().phase;
    this.configHash = deps.host.sha256(JSON.stringify(deps.starting.config));
    if (deps.host.previousExit) {
      const exits = deps.memory.unreported.exits;
      exits[deps.host.previousExit] = Math.min(10_000, (exits[deps.host.previousExit] ?? 0) + 1);
      this.save();
    }
  }

  /** Sends the start heartbeat and follows the station's phases from now on. */
  start(): void {
    this.unsubscribe = this.deps.station.subscribe((view) => this.onView(view));
    this.scheduleExpiry();
    void this.heartbeat('start');
  }

  /** Stops timers and the subscription (tests, shutdown). */
  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    if (this.expiryTimer !== null) this.deps.clock.clearTimeout(this.expiryTimer);
    this.timer = this.expiryTimer = null;
  }

  /** The host saw a renderer crash; the next heartbeat counts it. */
  recordCrash(): void {
    this.deps.memory.unreported.crashes = Math.min(10_000, this.deps.memory.unreported.crashes + 1);
    this.save();
  }

  /** Calls `listener` when what the agent adds to the view changes (message, out of order). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** True while IT has the station out of order. */
  outOfOrder(): boolean {
    return this.deps.memory.outOfOrder !== null;
  }

  /** The station's view with IT's out-of-order switch and welcome message applied. */
  decorate(view: StationView): StationView {
    const { memory } = this.deps;
    if (memory.outOfOrder) {
      return {
        ...view,
        phase: 'out-of-order',
        services: [],
        activeServiceId: null,
        idleResetAt: null,
        outOfOrder: { reason: `IT: ${memory.outOfOrder.reason ?? '-'}` },
      };
    }
    const message = memory.welcomeMessage;
    if (view.phase !== 'welcome' || !message || message.until <= this.deps.clock.now()) return view;
    return { ...view, welcomeMessage: welcomeMessageFor(message.text, view.language) };
  }

  /**
   * Wraps the station's handler table: while IT has the station out of order every visitor
   * command is refused, as on the out-of-order screen of an invalid config.
   */
  guard(handlers: IpcHandlers): IpcHandlers {
    const guarded: Record<string, (arg: never) => unknown> = {};
    for (const [channel, handler] of Object.entries(handlers) as [string, (arg: never) => unknown][]) {
      guarded[channel] =
        channel === 'station:get-view' || channel === 'session:activity'
          ? handler
          : (arg: never) => {
              if (this.outOfOrder()) return Promise.reject(new Error('station is out of order'));
              return handler(arg);
            };
    }
    return guarded as IpcHandlers;
  }

  /** Sends one heartbeat now (or right after the one in flight) and acts on the reply. */
  async heartbeat(reason: HeartbeatReason): Promise<void> {
    if (this.stopped) return;
    if (this.sending) {
      // One at a time; a reset's heartbeat is worth more to IT than an interval one.
      if (this.queued !== 'reset' && this.queued !== 'start') this.queued = reason;
      return;
    }
    this.sending = true;
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
    let nextSeconds = DEFAULT_HEARTBEAT_SECONDS;
    try {
      const { memory } = this.deps;
      const sentExits = { ...memory.unreported.exits };
      const sentCrashes = memory.unreported.crashes;
      const body = healthReport({
        reason,
        appVersion: this.deps.host.appVersion,
        host: this.deps.hostKind,
        state: this.outOfOrder() ? 'out-of-order' : this.deps.station.waitingForVisitor() ? 'idle' : 'in-session',
        outOfOrderCause: this.outOfOrder() ? 'remote' : null,
        configSource: this.deps.host.configSource,
        configHash: await this.configHash,
        appliedVersion: this.appliedVersion,
        rejected: this.rejected,
        startedAt: this.startedAt,
        now: this.deps.clock.now(),
        sessionsSinceStart: this.sessions,
        lastReset: this.lastReset,
        exits: sentExits,
        crashes: sentCrashes,
        freeDiskMb: await this.deps.host.freeDiskMb().catch(() => null),
        freeMemoryMb: await this.deps.host.freeMemoryMb().catch(() => null),
        centralReachable: this.deps.api.reachable(),
        queueBacklog: await this.deps.queueBacklog().catch(() => 0),
      });
      const reply = await this.deps.api.heartbeat(body);
      // Central has them now; what happened while the heartbeat was on its way stays for the next one.
      for (const [key, sent] of Object.entries(sentExits) as [keyof typeof sentExits, number][]) {
        const left = (memory.unreported.exits[key] ?? 0) - sent;
        if (left > 0) memory.unreported.exits[key] = left;
        else delete memory.unreported.exits[key];
      }
      memory.unreported.crashes = Math.max(0, memory.unreported.crashes - sentCrashes);
      this.save();
      nextSeconds = reply.nextHeartbeatSeconds;
      await this.onReply(reply);
    } catch (error) {
      this.deps.log('heartbeat not delivered; the station keeps working on its current config', {
        problem: error instanceof FleetCallError ? error.problem : 'error',
      });
    } finally {
      this.sending = false;
    }
    const queued = this.queued;
    this.queued = null;
    if (queued) void this.heartbeat(queued);
    else if (!this.stopped)
      this.timer = this.deps.clock.setTimeout(() => void this.heartbeat('interval'), nextSeconds * 1000);
  }

  private async onReply(reply: HeartbeatReply): Promise<void> {
    const acks: ActionAck[] = [];
    for (const action of reply.actions) {
      const handled = this.deps.memory.handled.find((a) => a.id === action.id);
      if (handled)
        acks.push(handled); // a lost ack: say it again, never run it twice
      else {
        const ack = this.run(action);
        if (ack) acks.push(ack);
      }
    }
    await this.sendAcks(acks);
    const failedVersion = this.rejected?.problem === 'invalid-config' ? this.rejected.version : null;
    if (reply.configVersion !== this.appliedVersion && reply.configVersion !== failedVersion)
      this.wantedVersion = reply.configVersion;
    await this.runPending();
  }

  /** Runs an action now, or parks it until no visitor is in session; returns its ack when done. */
  private run(action: FleetAction): ActionAck | null {
    const waiting = this.deps.station.waitingForVisitor();
    switch (action.kind) {
      case 'welcome-message': {
        const until = Date.parse(action.until);
        if (until <= this.deps.clock.now()) return this.handled(action.id, 'refused', 'expired');
        this.deps.memory.welcomeMessage = { text: action.text, until };
        this.scheduleExpiry();
        this.changed();
        return this.handled(action.id, 'done', null);
      }
      case 'out-of-order':
        if (!action.on) {
          this.pendingOutOfOrder = null;
          this.deps.memory.outOfOrder = null;
          this.changed();
          return this.handled(action.id, 'done', null);
        }
        // Takes effect once the visitor has left (a visit is never cut short by IT's switch).
        this.pendingOutOfOrder = action;
        return null;
      case 'reset-now':
        // Only with nobody at the station: IT must never wipe a visitor's half-filled form.
        if (!waiting) return this.handled(action.id, 'refused', 'visitor-in-session');
        void this.deps.station.end('admin');
        return this.handled(action.id, 'done', null);
      case 'restart-after-visitor':
        this.pendingRestart ??= action.id;
        return null;
    }
  }

  /** Everything parked for "no visitor in session", in an order that never loses an ack. */
  private async runPending(): Promise<void> {
    if (this.runningPending || this.stopped || !this.deps.station.waitingForVisitor()) return;
    this.runningPending = true;
    try {
      const outOfOrder = this.pendingOutOfOrder;
      if (outOfOrder) {
        this.pendingOutOfOrder = null;
        this.deps.memory.outOfOrder = { reason: outOfOrder.reason };
        this.changed();
        await this.sendAcks([this.handled(outOfOrder.id, 'done', null)]);
      }
      if (this.wantedVersion !== null && (await this.applyRemoteConfig())) return;
      const restart = this.pendingRestart;
      if (restart && this.deps.station.waitingForVisitor()) {
        this.pendingRestart = null;
        // Acknowledged just before the exit; the remembered id keeps a re-sent one from looping.
        await this.sendAcks([this.handled(restart, 'done', null)]);
        this.deps.log('restarting for IT (remote action)');
        this.deps.restart();
      }
    } finally {
      this.runningPending = false;
    }
  }

  /** Fetches, checks and keeps the wanted config; true when the station restarts onto it. */
  private async applyRemoteConfig(): Promise<boolean> {
    const wanted = this.wantedVersion;
    if (wanted === null) return false;
    let remote;
    try {
      remote = await this.deps.api.remoteConfig();
    } catch (error) {
      this.rejected = { version: wanted, problem: error instanceof FleetCallError ? error.problem : 'bad-response' };
      this.deps.log('remote config not fetched; keeping the current config', { version: wanted });
      return false;
    }
    this.wantedVersion = null;
    if (remote.version === this.appliedVersion) return false;
    const check = mergeRemoteConfig(this.deps.localConfig, remote);
    if (!check.ok) {
      this.rejected = check.rejected;
      this.deps.log('remote config refused; keeping the last good config', {
        version: remote.version,
        field: check.rejected.field ?? '(unknown)',
      });
      void this.heartbeat('interval'); // IT should not wait a minute to see why
      return false;
    }
    if (!this.deps.station.waitingForVisitor()) {
      this.wantedVersion = remote.version; // a visitor arrived while it was fetched: after them
      return false;
    }
    this.deps.memory.lastGood = remote;
    this.save();
    this.deps.log('remote config accepted; restarting onto it', { version: remote.version });
    this.deps.restart();
    return true;
  }

  private onView(view: StationView): void {
    const previous = this.lastPhase;
    this.lastPhase = view.phase;
    if (view.phase === 'reset-done' && previous !== 'reset-done') {
      this.sessions += 1;
      const outcome = this.deps.station.lastReset();
      this.lastReset = outcome === null ? 'none' : outcome.failed.length === 0 ? 'ok' : 'failed';
      void this.heartbeat('reset');
    }
    if (this.deps.station.waitingForVisitor()) void this.runPending();
  }

  private handled(id: string, outcome: ActionAck['outcome'], refusal: ActionAck['refusal']): ActionAck {
    const ack: ActionAck = { id, outcome, refusal };
    const handled = this.deps.memory.handled.filter((a) => a.id !== id);
    handled.push(ack);
    this.deps.memory.handled = handled.slice(-HANDLED_ACTIONS_KEPT);
    this.save();
    return ack;
  }

  private async sendAcks(acks: ActionAck[]): Promise<void> {
    if (acks.length === 0) return;
    // A lost ack is harmless: central re-sends the action and the remembered id answers it again.
    await this.deps.api.ack(acks).catch(() => this.deps.log('action acks not delivered; sent again on re-send'));
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer !== null) this.deps.clock.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    const message = this.deps.memory.welcomeMessage;
    if (!message) return;
    this.expiryTimer = this.deps.clock.setTimeout(
      () => {
        this.expiryTimer = null;
        this.deps.memory.welcomeMessage = null;
        this.save();
        this.changed();
      },
      Math.max(0, message.until - this.deps.clock.now()),
    );
  }

  private changed(): void {
    this.save();
    for (const listener of this.changeListeners) listener();
  }

  private save(): void {
    try {
      this.deps.host.store.save(this.deps.memory);
    } catch (error) {
      this.deps.log('fleet memory not saved', { error: error instanceof Error ? error.name : 'error' });
    }
  }
}

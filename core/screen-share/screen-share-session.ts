/**
 * The station's side of a consented screen view (issue 16), as a state machine without I/O:
 *
 *   off ──ask──▶ asking ──Allow──▶ sharing ──Stop / reset / max / advisor / claim ended──▶ stopped ──close──▶ off
 *                   └──No──▶ off
 *
 * It decides what the visitor sees (`ScreenShareView`) and what central is told, through the
 * `ScreenShareLink` port (the help client). The capture and the WebRTC connection live in the
 * shell (renderer), which follows the view: it captures only while the phase is `sharing` and
 * stops its track when the phase leaves it. Tested with a manual clock and a fake link.
 */
import type { ScreenAsk, ScreenShareView, ScreenSignal, ScreenStopReason } from '../../protocol/help.ts';
import type { Clock, TimerHandle } from '../ports.ts';

/** Port: the station's calls to central about the share of one request (help client). */
export interface ScreenShareLink {
  consent(requestId: string, shareId: string, allow: boolean): Promise<void>;
  signal(requestId: string, signal: ScreenSignal): Promise<void>;
  stop(requestId: string, shareId: string, reason: 'visitor' | 'reset' | 'max-duration' | 'failed'): Promise<void>;
}

/** Most advisor signals kept for the shell at once (an answer and a few ICE candidates). */
const MAX_INBOX = 64;

export class ScreenShareSession {
  private view: ScreenShareView = { phase: 'off' };
  private requestId: string | null = null;
  private maxSeconds = 0;
  private iceServers: ScreenAsk['iceServers'] = [];
  private seq = 0;
  private timer: TimerHandle | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: { link: ScreenShareLink; clock: Clock }) {}

  current(): ScreenShareView {
    return this.view;
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The advisor holding the visitor's request asks to see the screen. */
  ask(ask: ScreenAsk, advisorFirstName: string): void {
    // A new ask replaces whatever was going on (central has already ended the earlier share).
    this.clearTimer();
    this.requestId = ask.requestId;
    this.maxSeconds = ask.maxSeconds;
    this.iceServers = ask.iceServers;
    this.set({ phase: 'asking', shareId: ask.shareId, advisorFirstName });
  }

  /** The visitor answered Allow (true) or No (false). */
  async answer(allow: boolean): Promise<void> {
    const view = this.view;
    const requestId = this.requestId;
    if (view.phase !== 'asking' || requestId === null) return;
    if (!allow) {
      this.set({ phase: 'off' });
      await this.deps.link.consent(requestId, view.shareId, false).catch(() => undefined);
      return;
    }
    const endsAt = this.deps.clock.now() + this.maxSeconds * 1000;
    this.set({
      phase: 'sharing',
      shareId: view.shareId,
      advisorFirstName: view.advisorFirstName,
      iceServers: this.iceServers,
      endsAt,
      inbox: [],
      pointer: null,
    });
    this.timer = this.deps.clock.setTimeout(() => void this.stop('max-duration'), this.maxSeconds * 1000);
    await this.deps.link.consent(requestId, view.shareId, true).catch(() => this.stop('failed'));
  }

  /** The shell's WebRTC offer or ICE candidate, for the advisor. */
  async sendSignal(kind: 'offer' | 'ice', data: string): Promise<void> {
    const view = this.view;
    if (view.phase !== 'sharing' || this.requestId === null) return;
    await this.deps.link.signal(this.requestId, { shareId: view.shareId, kind, data }).catch(() => undefined);
  }

  /** An answer or ICE candidate from the advisor (via central). Anything for another share is ignored. */
  received(signal: ScreenSignal): void {
    const view = this.view;
    if (view.phase !== 'sharing' || signal.shareId !== view.shareId || signal.kind === 'offer') return;
    const inbox = [...view.inbox, { seq: ++this.seq, kind: signal.kind, data: signal.data }].slice(-MAX_INBOX);
    this.set({ ...view, inbox });
  }

  /** The advisor placed the highlight. */
  pointer(shareId: string, x: number, y: number): void {
    const view = this.view;
    if (view.phase !== 'sharing' || shareId !== view.shareId) return;
    this.set({ ...view, pointer: { seq: ++this.seq, x, y } });
  }

  /**
   * The station ends the share: the visitor's Stop, a failed connection, the maximum, or a reset.
   * After a reset nothing is shown (the next visitor must not see a notice about the last one).
   */
  async stop(reason: 'visitor' | 'reset' | 'max-duration' | 'failed'): Promise<void> {
    const view = this.view;
    const requestId = this.requestId;
    if ((view.phase !== 'sharing' && view.phase !== 'asking') || requestId === null) {
      if (reason === 'reset') this.set({ phase: 'off' });
      return;
    }
    this.clearTimer();
    this.set(reason === 'reset' ? { phase: 'off' } : { phase: 'stopped', reason });
    await this.deps.link.stop(requestId, view.shareId, reason).catch(() => undefined);
  }

  /** Central says the share ended (advisor's Stop, claim ended, advisor logged out, maximum). */
  ended(shareId: string, reason: ScreenStopReason): void {
    const view = this.view;
    if ((view.phase !== 'sharing' && view.phase !== 'asking') || view.shareId !== shareId) return;
    this.clearTimer();
    this.set({ phase: 'stopped', reason });
  }

  /** The help request is over (resolved, cancelled, expired): any share of it is over too. */
  requestEnded(): void {
    if (this.view.phase !== 'sharing' && this.view.phase !== 'asking') return;
    this.clearTimer();
    this.set({ phase: 'stopped', reason: 'claim-ended' });
  }

  /** The visitor closed the "stopped" notice. */
  dismiss(): void {
    if (this.view.phase === 'stopped') this.set({ phase: 'off' });
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(view: ScreenShareView): void {
    this.view = view;
    for (const listener of [...this.listeners]) listener();
  }
}

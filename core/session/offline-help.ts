import type { HelpStatusView } from '../../protocol/help.ts';
import type { HelpPort } from './station-controller.ts';

/**
 * Help for a station with no central configured: every request is answered at once with
 * "unavailable", so the visitor sees the phone line and the in-person desk instead of waiting.
 */
export class OfflineHelp implements HelpPort {
  private status: HelpStatusView = { phase: 'none' };
  private readonly listeners = new Set<() => void>();

  current(): HelpStatusView {
    return this.status;
  }
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async request(draft: Parameters<HelpPort['request']>[0]): Promise<void> {
    this.set({ phase: 'unavailable', reason: 'unreachable', draft });
  }
  async cancel(): Promise<void> {
    this.set({ phase: 'none' });
  }
  async sendMessage(): Promise<void> {}
  dismiss(): void {
    this.set({ phase: 'none' });
  }
  async resetSession(): Promise<void> {
    this.set({ phase: 'none' });
  }
  advisorHelping(): boolean {
    return false;
  }
  /** No advisor, so no one to show the screen to. */
  screenShare(): null {
    return null;
  }
  private set(status: HelpStatusView): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}

/**
 * What a host's adapters tell the station: things only the host can see (a refused navigation
 * inside an e-service, input in a page, a finished download).
 */
import type { SessionFile } from '../../protocol/ipc.ts';

/**
 * Port: events from the host's adapters to the station. The method names match
 * `StationController`'s, so the controller itself is the listener.
 */
export interface HostEvents {
  /** The host refused a navigation or popup inside an e-service. */
  navigationBlocked(serviceId: string): void;
  /** The visitor touched the shell or an e-service (keeps the idle reset away). */
  activity(): void;
  /** The visitor's download list changed. */
  setFiles(files: SessionFile[]): void;
  /** The visitor chose "Back to the menu" on a page the host drew itself (the failure page). */
  home(): void;
  /** The machine woke from sleep: the visit before it is wiped. */
  machineResumed(): void;
}

/**
 * A late-bound fan-out of `HostEvents`. Why it exists: the controller needs the adapters as its
 * ports, and the adapters need somewhere to report to. The relay is built first and handed to the
 * adapters; the controller is connected once built. Dependencies flow one way, with no nullable
 * controller or getter to close the loop. Events before anyone is connected go nowhere, which is
 * right: before the controller exists no visitor can have opened anything.
 */
export class HostEventRelay implements HostEvents {
  private readonly listeners = new Set<HostEvents>();

  /** Starts delivering events to `listener`; returns a function that stops it. */
  connect(listener: HostEvents): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  navigationBlocked(serviceId: string): void {
    for (const listener of this.listeners) listener.navigationBlocked(serviceId);
  }

  activity(): void {
    for (const listener of this.listeners) listener.activity();
  }

  setFiles(files: SessionFile[]): void {
    for (const listener of this.listeners) listener.setFiles(files);
  }

  home(): void {
    for (const listener of this.listeners) listener.home();
  }

  machineResumed(): void {
    for (const listener of this.listeners) listener.machineResumed();
  }
}

/**
 * Which service each e-service webContents belongs to. The views write it; the visitor
 * partitions read it to decide permissions. It is its own object so both can be built from it
 * in one direction (owners → partitions → views), instead of partitions and views needing each
 * other.
 */
import type { ServiceConfig } from '../core/config/schema.ts';
import type { PermissionContext } from './session-lifecycle.ts';

export class ServiceOwners implements PermissionContext {
  private readonly owner = new Map<number, ServiceConfig>();

  constructor(readonly localHttpOrigins: readonly string[]) {}

  /** Records that the webContents `id` shows `service` (its page or one of its popups). */
  add(id: number, service: ServiceConfig): void {
    this.owner.set(id, service);
  }

  /** The webContents is gone or no longer the service's: it gets no permission any more. */
  remove(id: number): void {
    this.owner.delete(id);
  }

  clear(): void {
    this.owner.clear();
  }

  serviceFor(webContents: unknown): ServiceConfig | null {
    const id = (webContents as { id?: unknown } | null)?.id;
    if (typeof id !== 'number') return null;
    return this.owner.get(id) ?? null;
  }
}

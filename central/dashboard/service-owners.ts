/**
 * Which e-services each service owner (`service-owner` role, issue 14) may see in the service
 * report. A user of that role with no services sees an empty report, never everyone's.
 */
import { slugSchema } from '../../protocol/events.ts';
import type { Migration, Storage } from '../storage/storage.ts';

const V1 = `
CREATE TABLE service_owner_services (
  user_name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
  service_id TEXT NOT NULL,
  PRIMARY KEY (user_name, service_id)
);
`;

/** Tables of the service owners, applied under the owner `service-owners` (after central's). */
export const SERVICE_OWNER_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'services per service owner', sqlite: V1, postgres: V1 },
];

/** Reads and sets the services of a service owner. */
export interface ServiceOwners {
  /** The service ids `userName` may see, sorted. */
  servicesOf(userName: string): Promise<string[]>;
  /** Replaces the services of `userName`; each id must be a service slug (`kela`, `omakanta`). */
  setServices(userName: string, serviceIds: readonly string[]): Promise<void>;
}

/** Parses `kela,omakanta` as given to the CLI; throws naming the first id that is not a slug. */
export function parseServiceList(text: string): string[] {
  const ids = [
    ...new Set(
      text
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  for (const id of ids)
    if (!slugSchema.safeParse(id).success) throw new Error(`"${id}" is not a service id (a-z, 0-9 and dashes)`);
  return ids;
}

/** The store over central's storage; call `migrate` once at boot (or in the CLI) first. */
export function createServiceOwners(storage: Storage): ServiceOwners & { migrate(): Promise<void> } {
  return {
    migrate: () => storage.migrate('service-owners', SERVICE_OWNER_MIGRATIONS),
    async servicesOf(userName) {
      const rows = await storage.all<{ service_id: string }>(
        'SELECT service_id FROM service_owner_services WHERE user_name = ? ORDER BY service_id',
        [userName],
      );
      return rows.map((r) => r.service_id);
    },
    async setServices(userName, serviceIds) {
      const ids = parseServiceList(serviceIds.join(','));
      await storage.run('DELETE FROM service_owner_services WHERE user_name = ?', [userName]);
      if (ids.length > 0)
        await storage.insertIgnoringDuplicates(
          'service_owner_services',
          ['user_name', 'service_id'],
          ids.map((id) => [userName, id]),
          'user_name, service_id',
        );
    },
  };
}

/**
 * Central's overrides over the station's local config file. The station never trusts central's
 * check alone: it merges with the contract's one merge rule (`applyConfigOverrides`) and validates
 * the result with its own schema, and only a config that passes is applied or kept.
 */
import { applyConfigOverrides, type RemoteConfig, type RemoteConfigProblem } from '../../protocol/fleet.ts';
import type { StationConfig } from '../config/schema.ts';
import { validateConfig } from '../config/validate.ts';

/** A remote config the station could not use: its version, why, and the first field at fault. */
export interface RejectedRemoteConfig {
  version: number;
  problem: RemoteConfigProblem;
  /** The first invalid field, e.g. `services[0].startUrl` (config names only, never visitor data). */
  field?: string;
}

/** The merged config, or the field that made it unusable. */
export type RemoteConfigCheck = { ok: true; config: StationConfig } | { ok: false; rejected: RejectedRemoteConfig };

/** Merges `remote` over the local config and validates the result. Version 0 is the local file itself. */
export function mergeRemoteConfig(local: StationConfig, remote: RemoteConfig): RemoteConfigCheck {
  if (remote.version === 0) return { ok: true, config: local };
  const check = validateConfig(applyConfigOverrides(local, remote.overrides));
  if (check.ok) return { ok: true, config: check.config };
  const first = check.errors[0];
  return {
    ok: false,
    rejected: {
      version: remote.version,
      problem: 'invalid-config',
      ...(first ? { field: first.field } : {}),
    },
  };
}

/** What the station starts on: the local file with the last good remote config over it, if that still validates. */
export interface StartingConfig {
  config: StationConfig;
  /** The remote version included; 0 = the local file alone. */
  appliedVersion: number;
  /** Set when the remembered remote config no longer fits the local file (e.g. the file changed). */
  rejected: RejectedRemoteConfig | null;
}

export function startingConfig(local: StationConfig, lastGood: RemoteConfig | null): StartingConfig {
  if (!lastGood) return { config: local, appliedVersion: 0, rejected: null };
  const check = mergeRemoteConfig(local, lastGood);
  if (check.ok) return { config: check.config, appliedVersion: lastGood.version, rejected: null };
  return { config: local, appliedVersion: 0, rejected: check.rejected };
}

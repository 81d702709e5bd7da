/**
 * Checks an override change before central stores it, with the station's own schema
 * (`core/config/validate.ts`, the one `kiosk-config/` and every station use; ADR 0010):
 *
 * 1. The overrides themselves: only `REMOTE_CONFIG_KEYS` at the top level.
 * 2. The merged result for every station the change reaches: city → site kind → site → station
 *    overrides (with the change in place) merged over a representative local file, then the full
 *    station-config validation. Central does not have each station's own file, so it uses the
 *    shipped `kiosk-config/default.json` with the station's id and site kind; what depends on the
 *    real file (its `localHttpOrigins`, a key it sets that the overrides leave alone) is checked by
 *    the station, which keeps its last good config when the merge fails there.
 */
import { readFileSync } from 'node:fs';
import {
  REMOTE_CONFIG_KEYS,
  applyConfigOverrides,
  type ConfigOverrides,
  type OverrideRefusal,
} from '../../protocol/fleet.ts';
import { validateConfig } from '../../core/config/validate.ts';

/** One refused field. */
export type OverrideProblem = OverrideRefusal['problems'][number];

/** The shipped demo config: the representative local file the merged overrides are checked on. */
export function loadRepresentativeBase(): Record<string, unknown> {
  const text = readFileSync(new URL('../../kiosk-config/default.json', import.meta.url), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

/** Problems with the shape of an override set alone (unknown or not-overridable keys). */
export function overrideKeyProblems(overrides: Record<string, unknown>): OverrideProblem[] {
  const allowed = new Set<string>(REMOTE_CONFIG_KEYS);
  return Object.keys(overrides)
    .filter((key) => !allowed.has(key))
    .map((key) => ({
      field: key,
      message: `cannot be set from central (allowed: ${REMOTE_CONFIG_KEYS.join(', ')})`,
      station: null,
    }));
}

/** Merges override layers (weakest first) into one set; later layers win field by field. */
export function mergeLayers(layers: readonly ConfigOverrides[]): ConfigOverrides {
  let merged: Record<string, unknown> = {};
  for (const layer of layers) merged = applyConfigOverrides(merged, layer) as Record<string, unknown>;
  return merged;
}

/**
 * Validates `overrides` merged over the representative base as one station would see it; the
 * problems name the field, with `station` when the check was for a particular station.
 */
export function mergedProblems(
  base: Record<string, unknown>,
  overrides: ConfigOverrides,
  station: { id: string; siteKind: string } | null,
): OverrideProblem[] {
  const local = station ? { ...base, location: withKind(base.location, station.siteKind) } : base;
  const check = validateConfig(applyConfigOverrides(local, overrides));
  if (check.ok) return [];
  return check.errors.map((error) => ({ field: error.field, message: error.message, station: station?.id ?? null }));
}

function withKind(location: unknown, siteKind: string): unknown {
  return typeof location === 'object' && location !== null ? { ...location, siteKind } : location;
}

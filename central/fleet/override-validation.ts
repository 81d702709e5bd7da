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
import type { z } from 'zod';
import {
  REMOTE_CONFIG_KEYS,
  applyConfigOverrides,
  type ConfigOverrides,
  type OverrideReason,
  type OverrideRefusal,
} from '../../protocol/fleet.ts';
import { stationConfigSchema } from '../../core/config/schema.ts';
import { fieldOf, validateConfig, type ConfigError } from '../../core/config/validate.ts';
import { reasonOfIssue } from './override-reason.ts';

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
      reason: { code: 'not_overridable' as const, values: [...REMOTE_CONFIG_KEYS] },
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
  const merged = applyConfigOverrides(local, overrides);
  const check = validateConfig(merged);
  if (check.ok) return [];
  // validateConfig keeps only English; parse again for the issues' codes and limits (refusals only).
  const issues = stationConfigSchema.safeParse(merged).error?.issues ?? [];
  return check.errors.map((error) => ({
    field: error.field,
    message: error.message,
    station: station?.id ?? null,
    reason: reasonOf(error, issues),
  }));
}

/** The reason behind one `ConfigError`: the issue with its field and message, or `custom` (a cross-field rule). */
function reasonOf(error: ConfigError, issues: readonly z.core.$ZodIssue[]): OverrideReason {
  // validateConfig rewrites these two messages, so they cannot be matched to their issue by text.
  if (error.message === 'unknown field') return { code: 'unrecognized_keys' };
  if (error.message === 'required field is missing') return { code: 'missing' };
  const issue = issues.find((i) => fieldOf(i.path) === error.field && i.message === error.message);
  return issue ? reasonOfIssue(issue) : { code: 'custom' };
}

function withKind(location: unknown, siteKind: string): unknown {
  return typeof location === 'object' && location !== null ? { ...location, siteKind } : location;
}

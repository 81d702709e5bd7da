/** The site a station belongs to: set by IT, else derived from its id. */

/**
 * Default site of a station: its id without a trailing number group (`oodi-2` → `oodi`,
 * `kallio-lib-03` → `kallio-lib`), or the id itself. IT sets another with `fleet site set`.
 */
export function defaultSite(stationId: string): string {
  const trimmed = stationId.replace(/(-\d+)+$/, '');
  return trimmed || stationId;
}

import { crossFieldProblems, stationConfigSchema, type StationConfig } from './schema.ts';

/** The config's `central` section: where the station reports, and the file with its token. */
export type CentralSection = NonNullable<StationConfig['central']>;

/**
 * Result of checking a station config: the config, or every problem with the field it is in. An
 * invalid config still carries its `central` section when that section alone is valid, so the
 * out-of-order station can tell IT why it is out of order (`core/fleet/invalid-config-beacon.ts`).
 */
export type ConfigCheck =
  { ok: true; config: StationConfig } | { ok: false; errors: ConfigError[]; central?: CentralSection };

/** One problem in a config, e.g. `{ field: "services[2].startUrl", message: "Invalid URL" }`. */
export interface ConfigError {
  field: string;
  message: string;
}

/**
 * Formats a zod path the way IT staff read it in their editor: `services[2].name.fi`. Exported so
 * central can pair a `ConfigError` with the zod issue behind it (the fleet view's refusal reasons).
 */
export function fieldOf(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

/** Validates a parsed config. Never falls back to defaults for invalid values. */
export function validateConfig(raw: unknown): ConfigCheck {
  const result = stationConfigSchema.safeParse(raw);
  if (result.success) return { ok: true, config: result.data };
  const errors = result.error.issues.flatMap((issue): ConfigError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: 'unknown field' }));
    }
    const missing = issue.code === 'invalid_type' && issue.message.endsWith('received undefined');
    return [{ field: fieldOf(issue.path), message: missing ? 'required field is missing' : issue.message }];
  });
  // zod skips refinements once a field fails; run the cross-field checks anyway.
  for (const problem of crossFieldProblems(raw)) {
    const error = { field: fieldOf(problem.path), message: problem.message };
    if (!errors.some((e) => e.field === error.field && e.message === error.message)) errors.push(error);
  }
  const central = centralSectionOf(raw);
  return central ? { ok: false, errors, central } : { ok: false, errors };
}

/** The `central` section of a config that failed as a whole, checked with the same schema; null when absent or invalid itself. */
function centralSectionOf(raw: unknown): CentralSection | null {
  if (typeof raw !== 'object' || raw === null || !('central' in raw)) return null;
  const section = stationConfigSchema.shape.central.safeParse(raw.central);
  return section.success && section.data ? section.data : null;
}

/** Parses JSON text then validates it; a syntax error is reported as a problem of the whole file. */
export function validateConfigText(text: string): ConfigCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ field: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateConfig(raw);
}

/** One line per error, for logs and the `config:check` command. */
export function formatConfigErrors(errors: ConfigError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('\n');
}

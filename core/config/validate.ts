import { crossFieldProblems, stationConfigSchema, type StationConfig } from './schema.ts';

/** Result of checking a station config: the config, or every problem with the field it is in. */
export type ConfigCheck = { ok: true; config: StationConfig } | { ok: false; errors: ConfigError[] };

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
  return { ok: false, errors };
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

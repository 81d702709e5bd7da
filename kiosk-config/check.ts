/**
 * `npm run config:check -- FILE [FILE...]`: validates station configs for IT staff.
 * Exits 0 when every file is valid, 1 with every error naming its field otherwise.
 */
import { readFileSync } from 'node:fs';
import { formatConfigErrors, validateConfigText } from '../core/config/validate.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run config:check -- FILE [FILE...]');
  process.exit(2);
}
let failed = false;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const check = validateConfigText(text);
  if (!check.ok) {
    failed = true;
    console.error(`${file}: ${check.errors.length} error(s)\n${formatConfigErrors(check.errors).replace(/^/gm, '  ')}`);
    continue;
  }
  console.log(`${file}: ok (${check.config.services.length} services, station ${check.config.stationId})`);
}
process.exit(failed ? 1 : 0);

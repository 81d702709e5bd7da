/** Writes kiosk-config/schema.json (JSON Schema for IT staff's editors) from the zod schema. */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { stationConfigSchema } from '../core/config/schema.ts';

export function stationConfigJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(stationConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Helsinki kiosk station config',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const target = new URL('./schema.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(stationConfigJsonSchema(), null, 2)}\n`);
  console.log(`wrote ${target.pathname}`);
}

/**
 * `npm start`: central + a station with the demo config.
 *
 * Where an Electron binary exists (`npm run electron:start`), the station is the real kiosk. On
 * machines without one (our build machines cannot download it), this starts the browser preview
 * host instead and says so: the same shell UI and core, with e-services in a second window.
 *
 * First run creates `.data/demo.db`, a demo station (token kept in `.data/demo-station.token`)
 * and two demo accounts for the advisor console and the dashboard (printed below). The demo data
 * never goes into central's production default (`.data/central.db`): its passwords are published
 * right here. Central runs in development mode (plain-http cookies) for http://127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCentral } from '../central/start-central.ts';
import { startPreviewServer } from '../renderer/preview/serve.ts';

const CENTRAL_PORT = Number(process.env['CENTRAL_PORT'] ?? 8787);
const PREVIEW_PORT = Number(process.env['PREVIEW_PORT'] ?? 5173);
const CONFIG = resolve(process.env['KIOSK_CONFIG'] ?? 'kiosk-config/default.json');
/** The demo's own database: never central's production default (`./.data/central.db`). */
const DEMO_DB = './.data/demo.db';
const DEMO_USERS = [
  { name: 'demo-advisor', role: 'advisor', password: 'demo-advisor-password', displayName: 'Aino' },
  { name: 'demo-coordinator', role: 'coordinator', password: 'demo-coordinator-password', displayName: 'Anna' },
  { name: 'demo-it', role: 'it', password: 'demo-it-password', displayName: 'Iiro' },
] as const;

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };

function cli(args: string[], input?: string): { ok: boolean; out: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'central/cli.ts', ...args, '--db', DEMO_DB], {
    encoding: 'utf8',
    input,
  });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}

/** Creates the demo station and accounts once; later runs reuse them. */
function ensureDemoData(stationId: string): string {
  mkdirSync('.data', { recursive: true });
  const tokenFile = '.data/demo-station.token';
  if (!existsSync(tokenFile) || !existsSync(DEMO_DB)) {
    let added = cli(['station', 'add', stationId, '--location', 'Demo station (Oodi)', '--site', 'library']);
    // The token file was lost but the station is there: give it a new token under the same id.
    if (!added.ok && /already exists/.test(added.out)) added = cli(['station', 'rotate', stationId]);
    if (!added.ok) throw new Error(`could not register the demo station: ${added.out}\n(delete .data/ to start over)`);
    const token = added.out.trim().split('\n').at(-1) ?? '';
    writeFileSync(tokenFile, token, { mode: 0o600 });
    for (const user of DEMO_USERS)
      cli(['user', 'add', user.name, '--role', user.role, '--display-name', user.displayName], `${user.password}\n`);
  }
  return readFileSync(tokenFile, 'utf8').trim();
}

async function main(): Promise<void> {
  for (const script of ['build:renderer', 'build:central-web', 'build:console', 'build:fleet']) {
    if (!pkg.scripts[script]) continue;
    console.log(`building (${script})…`);
    const built = spawnSync('npm', ['run', '-s', script], { stdio: 'inherit' });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as { stationId?: string };
  const token = ensureDemoData(config.stationId ?? 'demo-station');
  const central = await startCentral({ port: CENTRAL_PORT, db: DEMO_DB, config: { devMode: true } });
  console.log(`central listening on ${central.url}`);
  const preview = await startPreviewServer({
    port: PREVIEW_PORT,
    configPath: CONFIG,
    central: { url: central.url, stationToken: token },
    build: false,
  });

  console.log(`
Station (browser preview): ${preview.url}
Advisor console:           ${central.url}/console/   (${DEMO_USERS[0].name} / ${DEMO_USERS[0].password}; choose "online")
Usage dashboard:           ${central.url}/dashboard/ (${DEMO_USERS[1].name} / ${DEMO_USERS[1].password})
Fleet view for IT:         ${central.url}/fleet/     (${DEMO_USERS[2].name} / ${DEMO_USERS[2].password})

Why not the Electron kiosk: the Electron binary is downloaded from GitHub at first run, and
this machine reaches only the npm registry and Debian's packages. The preview runs the same
shell UI and station logic in a browser; e-services open in a second window, and it cannot
wipe their site data. Where Electron is available: npm run build:main && npm run electron:start
Stop with Ctrl+C.`);

  const stop = async () => {
    await preview.close();
    await central.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

await main();

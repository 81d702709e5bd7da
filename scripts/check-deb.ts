/**
 * Checks a built .deb's control fields against electron-builder.ts: every `deb.depends` entry is
 * in the package's Depends (electron-builder's Electron libraries, speech-dispatcher, cage), and
 * the Homepage is set. Needs `dpkg-deb` (Debian/Ubuntu). Exit 1 on a difference.
 *
 * Usage: `npx tsx scripts/check-deb.ts release/helsinki-kiosk_<version>_amd64.deb`
 */
import { execFileSync } from 'node:child_process';
import config from '../electron-builder.ts';

const deb = process.argv[2];
if (!deb) {
  console.error('usage: tsx scripts/check-deb.ts <package.deb>');
  process.exit(2);
}
const field = (name: string) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim();
const depends = field('Depends')
  .split(',')
  .map((entry) => entry.trim().split(/\s/)[0]);
console.log(`Depends: ${depends.join(', ')}\nHomepage: ${field('Homepage')}`);
const problems = (config.deb?.depends ?? [])
  .filter((name) => !depends.includes(name))
  .map((name) => `Depends lacks ${name}`);
if (field('Homepage') === '') problems.push('no Homepage');
for (const problem of problems) console.error(`DEB: ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);

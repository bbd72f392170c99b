// Installs the npm packages validate.mjs needs (npm ci), once per package-lock.json: run by
// charts-gen's pom.xml in generate-resources, so the build stays offline-friendly after the first run.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lock = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
const stamp = join(here, 'node_modules', '.voiceplane-lock.sha256');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === lock) {
  console.log('schema models are up to date');
  process.exit(0);
}
console.log('schema models: installing npm packages (npm ci)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
writeFileSync(stamp, lock);

// Generates the Java bindings of cdk8s-plus-33 from its npm package with jsii-pacmak, offline.
//
// Run by this module's pom.xml in generate-sources. Skips all work when the inputs (this script,
// package.json, package-lock.json) are unchanged since the last run, so that the ~950 generated
// files keep their timestamps and the compiler finds nothing to recompile.
//
// Usage: node build-bindings.mjs <maven project version> <output dir>
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [mavenVersion, outDir] = process.argv.slice(2);
if (!mavenVersion || !outDir) {
  console.error('usage: node build-bindings.mjs <maven project version> <output dir>');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const npmVersion = pkg.dependencies['cdk8s-plus-33'];
if (npmVersion !== mavenVersion) {
  console.error(`cdk8s-plus-33: package.json pins ${npmVersion} but the Maven module is ${mavenVersion}; ` +
    'change both together (cdk8s-plus-33/package.json, cdk8s-plus-33/pom.xml and cdk8s-plus.version in the root pom).');
  process.exit(2);
}

const inputs = ['build-bindings.mjs', 'package.json', 'package-lock.json']
  .map((f) => readFileSync(join(here, f)));
const stamp = createHash('sha256').update(Buffer.concat(inputs)).digest('hex');
const stampFile = join(outDir, '.inputs.sha256');
if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log(`cdk8s-plus-33 ${npmVersion} Java bindings are up to date`);
  process.exit(0);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const installedLock = join(here, 'node_modules', '.package-lock.json');
const lockHash = (f) => createHash('sha256').update(readFileSync(f)).digest('hex');
const lockStamp = join(here, 'node_modules', '.voiceplane-lock.sha256');
if (!existsSync(installedLock) || !existsSync(lockStamp)
    || readFileSync(lockStamp, 'utf8') !== lockHash(join(here, 'package-lock.json'))) {
  console.log('cdk8s-plus-33: installing npm packages (npm ci)');
  execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: here, stdio: 'inherit' });
  writeFileSync(lockStamp, lockHash(join(here, 'package-lock.json')));
}

console.log(`cdk8s-plus-33: generating Java bindings for ${npmVersion} with jsii-pacmak`);
const work = mkdtempSync(join(tmpdir(), 'voiceplane-pacmak-'));
try {
  execFileSync(process.execPath, [
    join(here, 'node_modules', 'jsii-pacmak', 'bin', 'jsii-pacmak'),
    '--targets', 'java', '--code-only', '--outdir', work,
    join(here, 'node_modules', 'cdk8s-plus-33'),
  ], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0] },
  });
  // Replace the previous output only once generation succeeded: never a half-written tree.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  renameSync(join(work, 'java', 'src', 'main'), outDir);
  writeFileSync(stampFile, stamp);
} finally {
  rmSync(work, { recursive: true, force: true });
}

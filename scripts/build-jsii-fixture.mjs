#!/usr/bin/env node
// Compiles a jsii test library (by default test/fixtures/jsii-fixture) and packs it, entirely inside an
// output directory so the source tree stays clean:
//
//   <out dir>/<name>/               copy of package.json, README.md, lib/**/*.ts + what jsii writes
//                                   (lib/**/*.js, *.d.ts, .jsii, tsconfig.json)
//   <out dir>/<name>-<version>.tgz  `npm pack` of that directory (what the jsii kernel loads)
//   <out dir>/<name>.stamp          hash of the inputs of the last successful build
//
// Usage: node scripts/build-jsii-fixture.mjs <source dir> <out dir> [<name>=<package dir> ...]
//
// Each <name>=<package dir> is a jsii package the library depends on (another one built by this script): it is
// linked into <out dir>/<name>/node_modules for jsii to resolve, and its assembly is part of the input hash.
//
// Uses the repository's node_modules/.bin/jsii (pinned in package.json); no network, no `npm install`.
// Idempotent: when the sources, jsii, TypeScript and this script are unchanged and the outputs are intact,
// nothing is rebuilt and no file is touched.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const TAG = 'build-jsii-fixture:';
const SCRIPT = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SCRIPT), '..');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const USAGE = 'usage: node scripts/build-jsii-fixture.mjs <source dir> <out dir> [<name>=<package dir> ...]';

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function log(message) {
  process.stdout.write(`${TAG} ${message}\n`);
}

function parseArgs(argv) {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (argv.length < 2 || argv.some((a) => a === '')) fail(`expected at least 2 arguments, got ${argv.length}\n${USAGE}`);
  const links = argv.slice(2).map((arg) => {
    const match = /^([^=]+)=(.+)$/.exec(arg);
    if (!match) fail(`a dependency must be <name>=<package dir>, got '${arg}'\n${USAGE}`);
    const dir = path.resolve(match[2]);
    if (!fs.existsSync(path.join(dir, '.jsii'))) fail(`dependency ${match[1]}: ${dir} has no .jsii assembly (build it first)`);
    return { name: match[1], dir };
  });
  return { source: path.resolve(argv[0]), out: path.resolve(argv[1]), links };
}

function readJson(file, what) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    fail(`cannot read ${what} (${file}): ${err.code ?? err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(`${what} (${file}) is not valid JSON: ${err.message}`);
  }
}

function isInside(child, parent) {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

// The inputs, as paths relative to the source dir, sorted: package.json, README.md (if present) and every
// .ts file under lib/ except declaration files (those are compiler output).
function collectSources(source) {
  const files = ['package.json'];
  if (fs.existsSync(path.join(source, 'README.md'))) files.push('README.md');
  const lib = path.join(source, 'lib');
  if (!fs.existsSync(lib)) fail(`${lib} does not exist; the TypeScript sources must be under lib/`);
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(path.relative(source, full).split(path.sep).join('/'));
      }
    }
  };
  walk(lib);
  if (!files.some((f) => f.endsWith('.ts'))) fail(`no .ts files under ${lib}`);
  return files.sort();
}

function toolVersion(name) {
  return readJson(path.join(NODE_MODULES, name, 'package.json'), `package.json of ${name}`).version;
}

// sha256 over everything that determines the output.
function inputHash(source, files, links) {
  const h = createHash('sha256');
  h.update(`jsii ${toolVersion('jsii')}\ntypescript ${toolVersion('typescript')}\nnode ${process.version}\n`);
  h.update(fs.readFileSync(SCRIPT));
  for (const { name, dir } of links) {
    h.update(`\0dependency ${name} ${dir}\0`);
    h.update(fs.readFileSync(path.join(dir, '.jsii')));
  }
  for (const f of files) {
    const content = fs.readFileSync(path.join(source, f));
    h.update(`\0${f}\0${content.length}\0`);
    h.update(content);
  }
  return h.digest('hex');
}

function sha512(file) {
  return `sha512-${createHash('sha512').update(fs.readFileSync(file)).digest('base64')}`;
}

function run(command, args, cwd, env = process.env) {
  const r = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10 * 60 * 1000,
  });
  const cmd = `${command} ${args.join(' ')}`;
  if (r.error) fail(`cannot run '${cmd}' (in ${cwd}): ${r.error.message}`);
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    fail(`'${cmd}' failed with exit code ${r.status ?? r.signal} (in ${cwd})${output ? `:\n${output}` : ''}`);
  }
  return { stdout: r.stdout ?? '', output };
}

function main() {
  const { source, out, links } = parseArgs(process.argv.slice(2));
  const manifestPath = path.join(source, 'package.json');
  if (!fs.existsSync(manifestPath)) fail(`${manifestPath} does not exist (is '${source}' a jsii package?)`);
  const manifest = readJson(manifestPath, 'package.json of the fixture');
  const { name, version } = manifest;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(name)) {
    fail(`${manifestPath}: "name" must be an unscoped package name, got ${JSON.stringify(name)}`);
  }
  if (typeof version !== 'string' || version === '') fail(`${manifestPath} has no "version"`);
  if (!manifest.jsii) fail(`${manifestPath} has no "jsii" section; it is not a jsii package`);

  const pkgDir = path.join(out, name);
  if (isInside(pkgDir, source) || isInside(source, pkgDir)) {
    fail(`the output ${pkgDir} and the sources ${source} overlap; choose an <out dir> outside the sources`);
  }
  const jsiiBin = path.join(NODE_MODULES, '.bin', 'jsii');
  if (!fs.existsSync(jsiiBin)) fail(`${jsiiBin} is missing; run 'npm ci' (or scripts/setup.sh)`);

  const files = collectSources(source);
  const hash = inputHash(source, files, links);
  const tarball = path.join(out, `${name}-${version}.tgz`);
  const assembly = path.join(pkgDir, '.jsii');
  const stampFile = path.join(out, `${name}.stamp`);

  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  } catch {
    stamp = undefined;
  }
  if (
    stamp?.inputs === hash &&
    fs.existsSync(assembly) &&
    fs.existsSync(tarball) &&
    stamp.tarball === path.basename(tarball) &&
    stamp.integrity === sha512(tarball)
  ) {
    log(`${name}@${version} up to date`);
    log(`package dir: ${pkgDir}`);
    log(`assembly:    ${assembly}`);
    log(`tarball:     ${tarball}`);
    return;
  }

  // Fresh build: no stamp until everything succeeded, no stale output from a previous build.
  fs.mkdirSync(out, { recursive: true });
  fs.rmSync(stampFile, { force: true });
  fs.rmSync(pkgDir, { recursive: true, force: true });
  fs.rmSync(tarball, { force: true });
  for (const f of files) {
    const dest = path.join(pkgDir, f);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(source, f), dest);
  }

  for (const { name: dependency, dir } of links) {
    const link = path.join(pkgDir, 'node_modules', dependency);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(dir, link, 'dir');
  }

  // jsii writes tsconfig.json next to package.json (the copy). TypeScript comes from jsii's own dependency in
  // the repository's node_modules. Node 20 is end-of-life for jsii 6: keep its banner out of the build log.
  const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0] };
  log(`compiling ${name}@${version} with jsii ${toolVersion('jsii')} in ${pkgDir}`);
  const jsii = run(jsiiBin, ['--silence-warnings', 'reserved-word'], pkgDir, env);
  if (jsii.output) process.stdout.write(`${jsii.output}\n`);
  if (!fs.existsSync(assembly)) fail(`jsii succeeded but did not write ${assembly}`);

  // Pack the built directory. No lifecycle scripts, no registry access.
  const pack = run('npm', ['pack', '--pack-destination', out, '--json', '--offline', '--ignore-scripts'], pkgDir);
  let packed;
  try {
    packed = JSON.parse(pack.stdout)[0];
  } catch (err) {
    fail(`cannot parse the output of 'npm pack --json' (in ${pkgDir}): ${err.message}`);
  }
  if (!fs.existsSync(tarball)) fail(`'npm pack' did not produce ${tarball} (it reported ${packed?.filename})`);
  const packedFiles = new Set((packed?.files ?? []).map((f) => f.path));
  for (const required of ['.jsii', 'package.json', manifest.main ?? 'lib/index.js']) {
    if (!packedFiles.has(required)) fail(`${tarball} does not contain ${required}; check "files" in ${manifestPath}`);
  }

  const newStamp = { inputs: hash, tarball: path.basename(tarball), integrity: sha512(tarball) };
  fs.writeFileSync(stampFile, `${JSON.stringify(newStamp, null, 2)}\n`);
  log(`built ${name}@${version}`);
  log(`package dir: ${pkgDir}`);
  log(`assembly:    ${assembly}`);
  log(`tarball:     ${tarball} (${newStamp.integrity})`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${TAG} error: ${err instanceof Failure ? err.message : (err?.stack ?? err)}\n`);
  process.exit(1);
}

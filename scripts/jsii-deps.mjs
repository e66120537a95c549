#!/usr/bin/env node
// Collects the jsii assemblies (npm tarballs) and the jsii kernel that the C++
// runtime loads, verifies them against package-lock.json / package.json and
// writes <out>/packages.json describing them in load order.
//
// Usage: node scripts/jsii-deps.mjs [--out <dir>]   (default <repo>/build/jsii-deps)
//
// Only node builtins are used. Everything is idempotent: tarballs that already
// exist and verify are not fetched again, the runtime is only re-extracted when
// its VERSION or its patch set (scripts/jsii-runtime-patches.mjs) differs, and packages.json is only
// rewritten when it changes.

import { spawnSync } from 'node:child_process';
import { createHash, getHashes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { applyRuntimePatches, patchRecordCurrent } from './jsii-runtime-patches.mjs';

const TAG = 'jsii-deps:';
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
const USAGE = 'usage: node scripts/jsii-deps.mjs [--out <dir>]';

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

function log(message) {
  process.stdout.write(`${TAG} ${message}\n`);
}

function warn(message) {
  process.stderr.write(`${TAG} warning: ${message}\n`);
}

function parseArgs(argv) {
  let out = path.join(REPO_ROOT, 'build', 'jsii-deps');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      if (i + 1 >= argv.length || argv[i + 1] === '') fail(`--out needs a directory\n${USAGE}`);
      out = argv[++i];
    } else if (arg.startsWith('--out=')) {
      out = arg.slice('--out='.length);
      if (out === '') fail(`--out needs a directory\n${USAGE}`);
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else {
      fail(`unknown argument '${arg}'\n${USAGE}`);
    }
  }
  return path.resolve(out);
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

function readTextIfExists(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  }
}

// Atomically replace `file` with `content` (temp file + rename).
function writeFileAtomic(file, content) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------------------
// Integrity (subresource-integrity strings as used by npm: "sha512-<base64>").

const SRI_PREFERENCE = ['sha512', 'sha384', 'sha256', 'sha1'];

function parseIntegrity(sri, where) {
  if (typeof sri !== 'string' || sri.trim() === '') fail(`no integrity recorded in ${where}`);
  const entries = [];
  for (const token of sri.trim().split(/\s+/)) {
    const m = /^([a-z0-9]+)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(token);
    if (m) entries.push({ algo: m[1], digest: m[2] });
  }
  const available = new Set(getHashes());
  for (const algo of SRI_PREFERENCE) {
    const matching = entries.filter((e) => e.algo === algo);
    if (matching.length > 0 && available.has(algo)) return { algo, digests: matching.map((e) => e.digest) };
  }
  fail(`unsupported integrity '${sri}' in ${where} (expected e.g. sha512-<base64>)`);
}

// Returns { ok, actual, bytes }: actual is the computed "<algo>-<base64>"; bytes the file, read once for
// every digest taken of it.
function verifyFile(file, expected) {
  const bytes = fs.readFileSync(file);
  const digest = createHash(expected.algo).update(bytes).digest('base64');
  return { ok: expected.digests.includes(digest), actual: `${expected.algo}-${digest}`, bytes };
}

// ---------------------------------------------------------------------------
// Tarballs

// The file name `npm pack` produces: "@scope/name" -> "scope-name-<version>.tgz".
function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}.tgz`;
}

// Runs `npm pack <spec>` into the (empty) directory `stagingDir`;
// returns the path of the produced tarball. Caller removes the staging dir.
function npmPack(spec, stagingDir) {
  const args = ['pack', spec, '--pack-destination', stagingDir, '--json', '--prefer-offline'];
  const r = spawnSync('npm', args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 15 * 60 * 1000, // npm retries unreachable registries for a long time
  });
  const cmd = `npm ${args.join(' ')}`;
  if (r.error) fail(`cannot run '${cmd}' (in ${REPO_ROOT}): ${r.error.message}`);
  if (r.status !== 0) {
    const detail = (r.stderr || r.stdout || '').trim();
    fail(`'${cmd}' failed with exit code ${r.status ?? r.signal} (in ${REPO_ROOT})${detail ? `:\n${detail}` : ''}`);
  }
  let filename;
  try {
    const result = JSON.parse(r.stdout);
    filename = Array.isArray(result) ? result[0]?.filename : undefined;
  } catch {
    // fall through to the directory listing below
  }
  if (!filename) {
    const tgz = fs.readdirSync(stagingDir).filter((f) => f.endsWith('.tgz'));
    if (tgz.length !== 1) fail(`'${cmd}' did not produce exactly one tarball in ${stagingDir}`);
    filename = tgz[0];
  }
  const file = path.join(stagingDir, filename);
  if (!fs.existsSync(file)) fail(`'${cmd}' reported ${filename} but ${file} does not exist`);
  return file;
}

// Makes sure <tarDir>/<name>-<version>.tgz exists and matches `integrity`.
// Returns { file, state: 'cached' | 'packed', bytes }.
function ensureTarball({ name, version, integrity, integritySource, tarDir }) {
  const expected = parseIntegrity(integrity, integritySource);
  const file = path.join(tarDir, tarballName(name, version));
  if (fs.existsSync(file)) {
    const check = verifyFile(file, expected);
    if (check.ok) return { file, state: 'cached', bytes: check.bytes };
    warn(
      `${file} is corrupt: integrity ${check.actual} does not match ${integrity} ` +
        `(from ${integritySource}); re-fetching ${name}@${version}`,
    );
  }
  fs.mkdirSync(tarDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(tarDir, '.pack-'));
  try {
    const packed = npmPack(`${name}@${version}`, staging);
    const check = verifyFile(packed, expected);
    if (!check.ok) {
      fail(
        `integrity mismatch for ${name}@${version} (tarball from 'npm pack ${name}@${version}'):\n` +
          `  expected ${integrity}\n` +
          `       (from ${integritySource})\n` +
          `  actual   ${check.actual}`,
      );
    }
    fs.renameSync(packed, file);
    return { file, state: 'packed', bytes: check.bytes };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Package cache tickets (docs/runtime.md, "Package cache tickets")
//
// The kernel finds a package in its cache under <root>/<name>/<version>/<digest>, where digest is the
// sha256 of the tarball followed by "\0" + name and "\0" + version. Hashing aws-cdk-lib's 38 MB tarball costs
// every process ~60 ms. A ticket is a small file unique to the tarball (it names its integrity): the C++
// runtime hands the kernel the ticket instead of the tarball once the ticket's cache entry holds the
// extracted package (a hard-linked copy of the tarball's entry). It is not an archive, so a kernel that ever
// had to extract it fails instead of caching anything.

function cacheDigest(bytes, name, version) {
  const hash = createHash('sha256').update(bytes);
  for (const part of [name, version]) hash.update('\0').update(part);
  return hash.digest('hex');
}

// Returns { ticket, digest }.
function ensureCacheTicket(tarball, name, version, integrity) {
  const ticket = `${tarball}.cache-ticket`;
  const content = `jsii-cpp package cache ticket, not an archive: ${name}@${version} ${integrity}\n`;
  if (readTextIfExists(ticket) !== content) writeFileAtomic(ticket, content);
  return { ticket, digest: cacheDigest(Buffer.from(content), name, version) };
}

// ---------------------------------------------------------------------------
// Discovery of jsii packages in node_modules

function packageDir(name) {
  return path.join(NODE_MODULES, ...name.split('/'));
}

function isJsiiPackage(dir) {
  return fs.existsSync(path.join(dir, '.jsii'));
}

function discoverJsiiPackages(rootManifest) {
  const found = new Map(); // name -> { name, version, dependencies }
  const queue = [];
  for (const name of Object.keys(rootManifest.dependencies ?? {}).sort()) {
    const dir = packageDir(name);
    if (!fs.existsSync(path.join(dir, 'package.json'))) {
      fail(`dependency ${name} is not installed (${dir} is missing); run 'npm ci' (or scripts/setup.sh)`);
    }
    if (isJsiiPackage(dir)) queue.push(name);
  }
  while (queue.length > 0) {
    const name = queue.shift();
    if (found.has(name)) continue;
    const dir = packageDir(name);
    const manifest = readJson(path.join(dir, 'package.json'), `package.json of ${name}`);
    if (typeof manifest.version !== 'string') fail(`${path.join(dir, 'package.json')} has no version`);
    const bundled = new Set(manifest.bundleDependencies ?? manifest.bundledDependencies ?? []);
    const candidates = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const deps = [];
    for (const dep of [...candidates].sort()) {
      if (bundled.has(dep)) continue; // shipped inside the tarball, never loaded on its own
      const nested = path.join(dir, 'node_modules', ...dep.split('/'));
      if (isJsiiPackage(nested)) {
        fail(
          `${name} uses its own copy of jsii package ${dep} (${nested}); ` +
            `the jsii kernel can only load one version of ${dep}: align the versions in package.json`,
        );
      }
      if (isJsiiPackage(packageDir(dep))) {
        deps.push(dep);
        queue.push(dep);
      }
    }
    found.set(name, { name, version: manifest.version, dependencies: deps });
  }
  return found;
}

// Kahn's algorithm; among the packages that are ready, the alphabetically
// smallest goes first so the order is deterministic.
function topoSort(found) {
  const order = [];
  const done = new Set();
  const remaining = new Set(found.keys());
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter((n) => found.get(n).dependencies.every((d) => done.has(d)))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (ready.length === 0) fail(`dependency cycle between jsii packages: ${[...remaining].sort().join(', ')}`);
    const next = ready[0];
    order.push(found.get(next));
    done.add(next);
    remaining.delete(next);
  }
  return order;
}

// ---------------------------------------------------------------------------
// jsii kernel (@jsii/runtime webpack bundle)

function runtimeComplete(dir) {
  return (
    fs.existsSync(path.join(dir, 'lib', 'program.js')) && fs.existsSync(path.join(dir, 'bin', 'jsii-runtime.js'))
  );
}

function ensureRuntime(runtime, out, tarDir) {
  const where = `${path.join(REPO_ROOT, 'package.json')} "jsiiRuntime"`;
  if (!runtime || typeof runtime !== 'object') fail(`${where} is missing from ${path.join(REPO_ROOT, 'package.json')}`);
  for (const key of ['package', 'version', 'integrity']) {
    if (typeof runtime[key] !== 'string' || runtime[key] === '') fail(`${where} has no "${key}"`);
  }
  const { package: name, version, integrity } = runtime;
  const dir = path.join(out, 'runtime');
  const installed = readTextIfExists(path.join(dir, 'VERSION'));
  if (installed !== undefined && installed.trim() === version && runtimeComplete(dir) && patchRecordCurrent(dir)) {
    return { name, version, dir, state: 'cached' };
  }

  const { file } = ensureTarball({ name, version, integrity, integritySource: where, tarDir });
  const tmp = fs.mkdtempSync(path.join(out, '.runtime-'));
  try {
    // --touch: give files the extraction time (npm tarballs carry a fixed 1985 mtime,
    // which would hide a runtime upgrade from mtime-based build tools).
    const args = ['xzf', file, '--no-same-owner', '--touch', '-C', tmp, 'package/webpack'];
    const r = spawnSync('tar', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.error) fail(`cannot run 'tar ${args.join(' ')}': ${r.error.message}`);
    if (r.status !== 0) {
      fail(`'tar ${args.join(' ')}' failed with exit code ${r.status ?? r.signal}:\n${(r.stderr || '').trim()}`);
    }
    const extracted = path.join(tmp, 'package', 'webpack');
    if (!runtimeComplete(extracted)) {
      fail(`${file} does not contain package/webpack/lib/program.js and package/webpack/bin/jsii-runtime.js`);
    }
    fs.writeFileSync(path.join(extracted, 'VERSION'), `${version}\n`);
    const { applied, skipped } = applyRuntimePatches(extracted, version);
    for (const { id, reason } of skipped) {
      warn(`runtime patch ${id} not applied: ${reason}; the kernel runs as published (correct, slower)`);
    }
    if (applied.length > 0) log(`${name}@${version}: applied ${applied.join(', ')} (scripts/jsii-runtime-patches.mjs)`);
    // Swap into place: move any old runtime aside, then rename the new one in.
    if (fs.existsSync(dir)) fs.renameSync(dir, path.join(tmp, 'previous'));
    fs.renameSync(extracted, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { name, version, dir, state: 'extracted' };
}

// ---------------------------------------------------------------------------

function main() {
  const out = parseArgs(process.argv.slice(2));
  const tarDir = path.join(out, 'tarballs');
  const manifestPath = path.join(REPO_ROOT, 'package.json');
  const lockPath = path.join(REPO_ROOT, 'package-lock.json');
  const rootManifest = readJson(manifestPath, 'package.json');
  const lock = readJson(lockPath, 'package-lock.json');
  if (!lock.packages || typeof lock.packages !== 'object') {
    fail(`${lockPath} has no "packages" section (lockfileVersion >= 2 required)`);
  }
  if (!fs.existsSync(NODE_MODULES)) fail(`${NODE_MODULES} is missing; run 'npm ci' (or scripts/setup.sh)`);

  fs.mkdirSync(tarDir, { recursive: true });

  const ordered = topoSort(discoverJsiiPackages(rootManifest));
  if (ordered.length === 0) fail(`no jsii packages found among the "dependencies" of ${manifestPath}`);

  const packages = [];
  for (const pkg of ordered) {
    const lockKey = `node_modules/${pkg.name}`;
    const entry = lock.packages[lockKey];
    if (!entry) fail(`${lockPath} has no entry "${lockKey}"; run 'npm install' to update the lock file`);
    if (entry.version !== pkg.version) {
      fail(
        `${pkg.name} is ${pkg.version} in node_modules but ${entry.version} in ${lockPath}; ` +
          `node_modules is stale, run 'npm ci' (or scripts/setup.sh)`,
      );
    }
    const { file, state, bytes } = ensureTarball({
      name: pkg.name,
      version: pkg.version,
      integrity: entry.integrity,
      integritySource: `${lockPath} "packages" -> "${lockKey}"`,
      tarDir,
    });
    log(`${pkg.name}@${pkg.version} ok (${state})`);
    const ticket = ensureCacheTicket(file, pkg.name, pkg.version, entry.integrity);
    packages.push({
      name: pkg.name,
      version: pkg.version,
      tarball: file,
      integrity: entry.integrity,
      dependencies: pkg.dependencies,
      cache: { digest: cacheDigest(bytes, pkg.name, pkg.version), ticket: ticket.ticket, ticketDigest: ticket.digest },
    });
  }

  const runtime = ensureRuntime(rootManifest.jsiiRuntime, out, tarDir);
  log(`${runtime.name}@${runtime.version} ok (${runtime.state})`);

  const content = `${JSON.stringify({ runtime: { version: runtime.version, dir: runtime.dir }, packages }, null, 2)}\n`;
  const listFile = path.join(out, 'packages.json');
  if (readTextIfExists(listFile) !== content) {
    writeFileAtomic(listFile, content);
    log(`wrote ${listFile}`);
  }
}

try {
  main();
} catch (err) {
  if (err instanceof Failure) {
    process.stderr.write(`${TAG} error: ${err.message}\n`);
  } else {
    process.stderr.write(`${TAG} error: ${err?.stack ?? err}\n`);
  }
  process.exit(1);
}

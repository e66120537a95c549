// The deferred-require patches of scripts/jsii-runtime-patches.mjs, on the kernel bundle setup installed
// (build/jsii-deps/runtime): every use of a deferred binding is one its getters answer, the module is not
// required until that use, and the kernel code behind it (extracting a tarball, reading and writing a
// compressed assembly, building a runtime index in a worker) works with the real modules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RUNTIME_PATCHES } from '../../scripts/jsii-runtime-patches.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// JSII_CPP_RUNTIME_DIR: the runtime the C++ kernel would use instead of the installed one.
const runtimeDir = process.env.JSII_CPP_RUNTIME_DIR || path.join(repo, 'build', 'jsii-deps', 'runtime');
const program = path.join(runtimeDir, 'lib', 'program.js');
const bundle = fs.readFileSync(program, 'utf8');
const deferred = RUNTIME_PATCHES.filter((patch) => patch.deferred);
const patch = (id) => deferred.find((p) => p.id === id);

/** The text of one webpack module of the bundle: from `,<id>(e,p,m){` to the next module's start. */
function moduleText(id) {
  const start = bundle.search(new RegExp(`[,{]${id}\\(e(,p)?(,m)?\\)\\{`));
  assert.notEqual(start, -1, `module ${id} is not in ${program}`);
  const next = /\},\d+\(e(,p)?(,m)?\)\{/g;
  next.lastIndex = start + 1;
  const end = next.exec(bundle);
  return bundle.slice(start, end ? end.index + 1 : bundle.length);
}

/**
 * The bundle's webpack require and module cache, without running the kernel's main module: the code and
 * modules the kernel runs, loaded as CommonJS from the bundle's own path (so `__dirname` finds the worker).
 */
function loadBundleModules() {
  const main = 'let __webpack_exports__=__webpack_require__(3809);';
  assert.equal(bundle.split(main).length, 2, 'the bundle ends by running its main module once');
  const mod = new Module(program);
  mod.filename = program;
  mod.paths = Module._nodeModulePaths(path.dirname(program));
  mod._compile(
    bundle.replace(main, () => 'module.exports={require:__webpack_require__,cache:__webpack_module_cache__};'),
    program,
  );
  return mod.exports;
}

test('the installed bundle has every deferred-require patch applied', () => {
  const record = fs.readFileSync(path.join(runtimeDir, 'PATCHES'), 'utf8');
  for (const { id, replace } of deferred) {
    assert.match(record, new RegExp(`^applied ${id}$`, 'm'));
    assert.equal(bundle.split(replace).length, 2, `${id}: its replacement occurs once`);
  }
});

test('every use of a deferred binding reads one of its members', () => {
  for (const { id, replace, deferred: { module, binding, members } } of deferred) {
    const text = moduleText(module);
    const identifier = new RegExp(`(?<![\\w$.])${binding.replace('$', '\\$')}(?![\\w$])`, 'g');
    let uses = 0;
    for (const match of text.matchAll(identifier)) {
      const after = text.slice(match.index);
      if (after.startsWith(replace)) continue; // the binding itself
      const member = /^[\w$]+\.([\w$]+)/.exec(after)?.[1];
      assert.ok(
        members.includes(member),
        `${id}: module ${module} uses '${binding}' as '${after.slice(0, 40)}', which the deferred binding ` +
          `does not answer (it has ${members.join(', ')})`,
      );
      ++uses;
    }
    assert.ok(uses > 0, `${id}: module ${module} never uses '${binding}'`);
  }
});

function scratch(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Whether the webpack module a deferred-require patch defers has been required. */
function required(cache, id) {
  return cache[patch(id).deferred.requires] !== undefined;
}

test('defer-tar: tar is required by the first extraction, which unpacks the tarball', () => {
  const { require: webpackRequire, cache } = loadBundleModules();
  const tarCache = webpackRequire(patch('defer-tar').deferred.module);
  assert.equal(required(cache, 'defer-tar'), false, 'tar is not required when the kernel starts');

  const work = scratch('defer-tar-');
  fs.mkdirSync(path.join(work, 'package'));
  fs.writeFileSync(path.join(work, 'package', 'package.json'), '{"name":"deferred","version":"1.0.0"}\n');
  const tarball = path.join(work, 'deferred-1.0.0.tgz');
  const tar = spawnSync('tar', ['czf', tarball, '-C', work, 'package'], { encoding: 'utf8' });
  assert.equal(tar.status, 0, tar.stderr);

  tarCache.setPackageCacheEnabled(false); // extract straight into the directory, as the kernel does without cache
  const out = path.join(work, 'out');
  tarCache.extract(tarball, out, { strip: 1 });
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8')), {
    name: 'deferred',
    version: '1.0.0',
  });
  assert.equal(required(cache, 'defer-tar'), true);
  fs.rmSync(work, { recursive: true });
});

test('defer-zlib: zlib is required by the first compressed assembly, which round-trips', () => {
  const { require: webpackRequire, cache } = loadBundleModules();
  const assemblies = webpackRequire(patch('defer-zlib').deferred.module);
  assert.equal(required(cache, 'defer-zlib'), false, 'zlib is not required when the kernel starts');

  const work = scratch('defer-zlib-');
  const constructs = path.join(repo, 'node_modules', 'constructs');
  const assembly = assemblies.loadAssemblyFromPath(constructs, false);
  assemblies.writeAssembly(work, assembly, { compress: true });
  assert.equal(JSON.parse(fs.readFileSync(path.join(work, '.jsii'), 'utf8')).compression, 'gzip');
  assert.deepEqual(assemblies.loadAssemblyFromPath(work, false), assembly);
  assert.equal(required(cache, 'defer-zlib'), true);
  fs.rmSync(work, { recursive: true });
});

test('defer-worker-threads: worker_threads is required by the first index build, which writes the index', async () => {
  const { require: webpackRequire, cache } = loadBundleModules();
  const index = webpackRequire(patch('defer-worker-threads').deferred.module);
  assert.equal(required(cache, 'defer-worker-threads'), false, 'not required when the kernel starts');

  const work = scratch('defer-worker-');
  const packageDir = path.join(work, 'constructs');
  fs.cpSync(path.join(repo, 'node_modules', 'constructs'), packageDir, { recursive: true });
  const problems = [];
  // The features the kernel passes: its own ASSEMBLY_SUPPORTED_FEATURES.
  const features = JSON.parse(/ASSEMBLY_SUPPORTED_FEATURES=(\[[^\]]*\])/.exec(bundle)[1]);
  const worker = index.buildIndexInWorker(packageDir, features, (...what) => problems.push(what.join(' ')));
  assert.ok(worker, `no worker started: ${problems.join('; ')}`);
  const code = await new Promise((resolve) => worker.on('exit', resolve));
  assert.equal(code, 0);
  assert.deepEqual(problems, []);
  assert.ok(fs.existsSync(path.join(packageDir, '.jsii.runtime.v1.json')), 'the worker wrote the index manifest');
  assert.equal(required(cache, 'defer-worker-threads'), true);
  fs.rmSync(work, { recursive: true });
});

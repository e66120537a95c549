// scripts/jsii-runtime-patches.mjs on bundles made for the test: a patch applies where its text occurs once,
// is skipped (and says why) where it does not, and the record names the patch set.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { applyRuntimePatches, patchRecordCurrent, patchSetId, RUNTIME_PATCHES } from '../../scripts/jsii-runtime-patches.mjs';

function runtimeWith(programText) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-patches-'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'lib', 'program.js'), programText);
  return dir;
}

test('patches whose text occurs once are applied and recorded', () => {
  const bundle = (texts) => `before;${texts.join(';between;')}after;`;
  const dir = runtimeWith(bundle(RUNTIME_PATCHES.map((p) => p.find)));
  const { applied, skipped } = applyRuntimePatches(dir, '9.9.9');
  assert.deepEqual(applied, RUNTIME_PATCHES.map((p) => p.id));
  assert.deepEqual(skipped, []);
  assert.equal(
    fs.readFileSync(path.join(dir, 'lib', 'program.js'), 'utf8'),
    bundle(RUNTIME_PATCHES.map((p) => p.replace)),
  );
  const record = [patchSetId(), ...RUNTIME_PATCHES.map((p) => `applied ${p.id}`)].join('\n');
  assert.equal(fs.readFileSync(path.join(dir, 'PATCHES'), 'utf8'), `${record}\n`);
  assert.ok(patchRecordCurrent(dir));
  fs.rmSync(dir, { recursive: true });
});

test('a bundle without the text (another runtime version) is left as published, with the reason', () => {
  const dir = runtimeWith('an unrelated bundle');
  const { applied, skipped } = applyRuntimePatches(dir, '9.9.9');
  assert.deepEqual(applied, []);
  assert.equal(skipped.length, RUNTIME_PATCHES.length);
  assert.match(skipped[0].reason, /occurs 0 times in lib\/program\.js of @jsii\/runtime@9\.9\.9/);
  assert.equal(fs.readFileSync(path.join(dir, 'lib', 'program.js'), 'utf8'), 'an unrelated bundle');
  assert.ok(patchRecordCurrent(dir), 'a skipped patch is recorded too: setup does not retry it every run');
  fs.rmSync(dir, { recursive: true });
});

test('text that occurs twice is ambiguous and not patched', () => {
  const [patch] = RUNTIME_PATCHES;
  const dir = runtimeWith(`${patch.find}${patch.find}`);
  const { applied, skipped } = applyRuntimePatches(dir, '9.9.9');
  assert.deepEqual(applied, []);
  assert.match(skipped[0].reason, /occurs 2 times/);
  fs.rmSync(dir, { recursive: true });
});

test('a record from another patch set (or none) is not current', () => {
  const dir = runtimeWith('x');
  assert.equal(patchRecordCurrent(dir), false);
  fs.writeFileSync(path.join(dir, 'PATCHES'), 'patch-set 0000000000000000\n');
  assert.equal(patchRecordCurrent(dir), false);
  fs.rmSync(dir, { recursive: true });
});

test('the replacement is valid JavaScript where the original was', () => {
  // Parsed where the patched text sits: in a method body (the range read), or as an expression (the search).
  for (const patch of RUNTIME_PATCHES) {
    const body = (text) => `function get(e){var p;const f=0;${text}\nreturn typeof K}`;
    assert.doesNotThrow(() => new Function(body(patch.find)), `${patch.id}: original`);
    assert.doesNotThrow(() => new Function(body(patch.replace)), `${patch.id}: replacement`);
  }
});

// Behaviour: each replacement, run in a harness that gives it the bundle's surroundings (the private-field
// helpers of TypeScript's output and LazyTypes' fields), answers exactly as the text it replaces.
const patchById = (id) => RUNTIME_PATCHES.find((p) => p.id === id);

/** A LazyTypes-like object over `names` (one JSON definition each) and the bundle code around the patches. */
function lazyTypes(names, code, { trailingNewline = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-index-'));
  const defs = names.map((name) => `${JSON.stringify({ fqn: name, kind: 'class' })}\n`);
  const defsPath = path.join(dir, 'defs.jsonl');
  fs.writeFileSync(defsPath, defs.join(''));
  const namesText = Buffer.from(names.join('\n') + (trailingNewline ? '\n' : ''));
  const offsets = Buffer.alloc(4 * (names.length + 1));
  let at = 0;
  defs.forEach((line, i) => {
    offsets.writeUInt32LE(at, 4 * i);
    at += Buffer.byteLength(line);
  });
  offsets.writeUInt32LE(at, 4 * names.length);
  const index = Buffer.concat([namesText, Buffer.alloc(names.length), offsets]);

  /* eslint-disable no-unused-vars -- the evaluated bundle code uses these names */
  const [g, _, F, B, K, V, G, Z] = Array.from({ length: 8 }, () => new WeakMap());
  const y = new WeakSet();
  const ne = (o, state, kind, f) => (kind === 'm' ? f : state.get(o));
  const re = (o, state, value) => (state.set(o, value), value);
  const oe = fs;
  const Q = function decodeNames() {
    const start = ne(this, _, 'f');
    return ne(this, g, 'f').toString('utf-8', start, start + ne(this, F, 'f')).split('\n');
  };
  const X = new WeakMap();
  const ee = eval(`(${code.rowOf.slice('ee='.length)})`);
  const get = eval(`(function get(e){var p;const m=ne(this,G,"f").get(e);if(null!=m)return m;` +
    `const f=ne(this,y,"m",ee).call(this,e);if(null==f)return;${code.get}return ne(this,G,"f").set(e,K),K})`);
  /* eslint-enable no-unused-vars */
  const self = {};
  y.add(self);
  g.set(self, index);
  _.set(self, 0);
  F.set(self, namesText.length);
  B.set(self, namesText.length + names.length);
  K.set(self, names.length);
  V.set(self, defsPath);
  G.set(self, new Map());
  return {
    get: (name) => get.call(self, name),
    rowOf: (name) => ee.call(self, name),
    builtNameMap: () => Z.has(self),
    cleanup: () => fs.rmSync(dir, { recursive: true }),
  };
}

const original = { rowOf: patchById('runtime-index-row-search').find, get: patchById('runtime-index-range-reads').find };
const patched = { rowOf: patchById('runtime-index-row-search').replace, get: patchById('runtime-index-range-reads').replace };

for (const [label, names, options] of [
  ['sorted names', ['aws-cdk-lib.App', 'aws-cdk-lib.Stack', 'aws-cdk-lib.aws_s3.Bucket', 'aws-cdk-lib.aws_sqs.Queue', 'constructs.Construct'], {}],
  ['one name', ['aws-cdk-lib.App'], {}],
  ['unsorted names (the search misses, the original lookup answers)', ['b.B', 'a.A', 'c.C', 'a.Aa'], {}],
  ['a names section with a trailing newline', ['a.A', 'b.B', 'c.C'], { trailingNewline: true }],
  ['non-ASCII names', ['a.Ä', 'a.Z', 'a.é'].sort(), {}],
]) {
  test(`the patched lookups answer as the published ones: ${label}`, () => {
    const before = lazyTypes(names, original, options);
    const after = lazyTypes(names, patched, options);
    const outcome = (lookup) => {
      try {
        return { value: lookup() };
      } catch (error) {
        return { throws: error.constructor.name };
      }
    };
    for (const name of [...names, 'missing.Type', '', 'a', 'zzz.Last']) {
      assert.deepEqual(outcome(() => after.rowOf(name)), outcome(() => before.rowOf(name)), `row of '${name}'`);
      assert.deepEqual(outcome(() => after.get(name)), outcome(() => before.get(name)), `definition of '${name}'`);
    }
    for (const name of names) assert.equal(after.get(name).fqn, name);
    before.cleanup();
    after.cleanup();
  });
}

test('found names are searched, not mapped; the first missing name builds the published map', () => {
  const names = ['a.A', 'a.B', 'b.A', 'c.Long.Nested.Name'];
  const types = lazyTypes(names, patched);
  names.forEach((name, row) => assert.equal(types.rowOf(name), row));
  assert.equal(types.builtNameMap(), false);
  assert.equal(types.rowOf('a.Missing'), undefined);
  assert.equal(types.builtNameMap(), true);
  names.forEach((name, row) => assert.equal(types.rowOf(name), row));
  types.cleanup();
});

test('the offset check accepts and rejects the index offsets the published check does', () => {
  const { find, replace } = patchById('runtime-index-offset-check');
  // Where the patched text sits, V is the index buffer, K the offsets' byte range and F the type count; it
  // returns (rejects the index) or falls through with Y, the last offset.
  const check = (text) => new Function('V', 'K', 'F', `${text}return Y`);
  const [before, after] = [check(find), check(replace)];
  const index = (prefix, offsets) => {
    const buffer = Buffer.alloc(prefix + 4 * offsets.length, 0xab);
    offsets.forEach((offset, i) => buffer.writeUInt32LE(offset, prefix + 4 * i));
    return { V: buffer, K: { start: prefix, length: 4 * offsets.length }, F: offsets.length - 1 };
  };
  for (const [label, prefix, offsets] of [
    ['ascending', 3, [0, 10, 10, 4000, 70000]],
    ['past 2^31 (unsigned)', 5, [0, 1, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1]],
    ['one type', 0, [0, 7]],
    ['no types', 2, [0]],
    ['descending', 1, [0, 10, 9, 20]],
    ['high bytes descending', 6, [0, 2 ** 31, 2 ** 24]],
    ['not starting at 0', 4, [1, 2, 3]],
  ]) {
    const { V, K, F } = index(prefix, offsets);
    assert.equal(after(V, K, F), before(V, K, F), label);
  }
});

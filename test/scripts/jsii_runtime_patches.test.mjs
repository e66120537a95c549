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

test('a patch whose text occurs once is applied and recorded', () => {
  const [patch] = RUNTIME_PATCHES;
  const dir = runtimeWith(`before;${patch.find}after;`);
  const { applied, skipped } = applyRuntimePatches(dir, '9.9.9');
  assert.deepEqual(applied, [patch.id]);
  assert.deepEqual(skipped, []);
  assert.equal(fs.readFileSync(path.join(dir, 'lib', 'program.js'), 'utf8'), `before;${patch.replace}after;`);
  assert.equal(fs.readFileSync(path.join(dir, 'PATCHES'), 'utf8'), `${patchSetId()}\napplied ${patch.id}\n`);
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
  // The patched text sits inside a method body, between a guard and the method's return.
  for (const patch of RUNTIME_PATCHES) {
    const body = (text) => `function get(e){var p;const f=0;${text}return K}`;
    assert.doesNotThrow(() => new Function(body(patch.find)), `${patch.id}: original`);
    assert.doesNotThrow(() => new Function(body(patch.replace)), `${patch.id}: replacement`);
  }
});

// Performance patches to the jsii kernel bundle (@jsii/runtime's webpack/lib/program.js), applied by
// scripts/jsii-deps.mjs when it unpacks the runtime. Decision 0021 says why and when a patch belongs here.
//
// Each patch replaces one exact piece of the minified bundle by code with the same behaviour. A patch that
// does not find its text exactly once (another @jsii/runtime version) is skipped with a warning: the kernel
// then runs as published, only slower. <runtime>/PATCHES records what was done, and its first line names the
// patch set, so changing a patch here re-extracts and re-patches the runtime on the next setup.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const RUNTIME_PATCHES = [
  {
    id: 'runtime-index-range-reads',
    file: path.join('lib', 'program.js'),
    // LazyTypes.get (@jsii/kernel, runtime index v1) reads the whole definitions file (23 MB for aws-cdk-lib)
    // into memory on the first type lookup, to decode the one line it needs: ~80 ms per start on the machine
    // of bench/results.md. The index already holds every line's byte range, so read just that range.
    why: 'type lookups read one definition instead of the whole .jsii.runtime-defs.v1.jsonl',
    find:
      'const _=re(this,X,null!==(p=ne(this,X,"f"))&&void 0!==p?p:(0,oe.readFileSync)(ne(this,V,"f")),"f"),' +
      'F=ne(this,g,"f").readUInt32LE(ne(this,B,"f")+4*f),N=ne(this,g,"f").readUInt32LE(ne(this,B,"f")+4*(f+1)),' +
      'K=JSON.parse(_.toString("utf-8",F,N));',
    // The slot that cached the file's bytes now caches its descriptor (node opens it close-on-exec).
    replace:
      'const _=re(this,X,null!==(p=ne(this,X,"f"))&&void 0!==p?p:(0,oe.openSync)(ne(this,V,"f"),"r"),"f"),' +
      'F=ne(this,g,"f").readUInt32LE(ne(this,B,"f")+4*f),N=ne(this,g,"f").readUInt32LE(ne(this,B,"f")+4*(f+1)),' +
      'jsiiCppRange=Buffer.allocUnsafe(N-F);' +
      'for(let o=0;o<jsiiCppRange.length;){const n=(0,oe.readSync)(_,jsiiCppRange,o,jsiiCppRange.length-o,F+o);' +
      'if(n<=0)throw new Error(`jsii runtime index: ${ne(this,V,"f")} ends before byte ${F+o}`);o+=n}' +
      'const K=JSON.parse(jsiiCppRange.toString("utf-8"));',
  },
];

/** Names this patch set: the first line of <runtime>/PATCHES. */
export function patchSetId() {
  const hash = createHash('sha256');
  for (const patch of RUNTIME_PATCHES) hash.update(`${patch.id}\0${patch.file}\0${patch.find}\0${patch.replace}\0`);
  return `patch-set ${hash.digest('hex').slice(0, 16)}`;
}

export function patchRecordCurrent(dir) {
  try {
    return fs.readFileSync(path.join(dir, 'PATCHES'), 'utf8').split('\n', 1)[0] === patchSetId();
  } catch {
    return false;
  }
}

function occurrences(text, piece) {
  let count = 0;
  for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + piece.length)) ++count;
  return count;
}

/**
 * Applies every patch to the unpacked runtime in `dir` (not yet in use: the caller swaps it into place
 * afterwards) and writes <dir>/PATCHES. Returns the ids applied and, for each skipped patch, why.
 */
export function applyRuntimePatches(dir, version) {
  const applied = [];
  const skipped = [];
  for (const patch of RUNTIME_PATCHES) {
    const file = path.join(dir, patch.file);
    const text = fs.readFileSync(file, 'utf8');
    const found = occurrences(text, patch.find);
    if (found !== 1) {
      skipped.push({
        id: patch.id,
        reason: `its text occurs ${found} times in ${patch.file} of @jsii/runtime@${version} (expected once)`,
      });
      continue;
    }
    fs.writeFileSync(file, text.replace(patch.find, () => patch.replace));
    applied.push(patch.id);
  }
  const lines = [
    patchSetId(),
    ...applied.map((id) => `applied ${id}`),
    ...skipped.map((s) => `skipped ${s.id}: ${s.reason}`),
  ];
  fs.writeFileSync(path.join(dir, 'PATCHES'), `${lines.join('\n')}\n`);
  return { applied, skipped };
}

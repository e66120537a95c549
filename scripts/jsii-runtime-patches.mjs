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

const PROGRAM = path.join('lib', 'program.js');

/**
 * A patch that defers one `require` of the kernel's start to the first use of the module: the binding becomes
 * an object whose getters require the module then. Only for bindings the bundle reads as `binding.member`
 * for the listed members (scripts.jsii_runtime_deferred_requires checks the installed bundle for that), and for
 * members called without regard to `this` (a getter hands back the module's own function or class).
 * `requires` is the webpack id of the deferred module; `wrap`, the helper the bundle passes it through, if any.
 */
function deferredRequire({ id, why, module, binding, requires, wrap, members }) {
  const load = wrap ? `${wrap}(m(${requires}))` : `m(${requires})`;
  return {
    id,
    file: PROGRAM,
    why,
    find: `${binding}=${load}`,
    replace: `${binding}={${members.map((member) => `get ${member}(){return ${load}.${member}}`).join(',')}}`,
    deferred: { module, binding, requires, members },
  };
}

export const RUNTIME_PATCHES = [
  {
    id: 'runtime-index-range-reads',
    file: PROGRAM,
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
  {
    id: 'runtime-index-row-search',
    file: PROGRAM,
    // LazyTypes' first lookup of a name decodes all of the index's names (23,145 for aws-cdk-lib) and builds a
    // Map of them. The names are sorted, so find the row by binary search over the index's bytes instead, with
    // the line starts found in one pass over them: for aws-cdk-lib ~12 ms instead of ~40 ms in a fresh process
    // here. A name the search does not find (or a names section that is not one line per type) goes the
    // original way, so the answers are the published kernel's in every case.
    why: 'type lookups binary-search the sorted names of the runtime index instead of building a Map of all',
    find:
      'ee=function _LazyTypes_rowOf(e){if(null==ne(this,Z,"f")){const e=ne(this,y,"m",Q).call(this),p=new Map;' +
      'for(let m=0;m<e.length;m++)p.set(e[m],m);re(this,Z,p,"f")}return ne(this,Z,"f").get(e)}',
    replace:
      'ee=(()=>{const jsiiCppLineStarts=new WeakMap;return function _LazyTypes_rowOf(e){if(null==ne(this,Z,"f")){' +
      // Line starts of the names section, or null when it does not hold exactly typeCount lines.
      'let s=jsiiCppLineStarts.get(this);if(void 0===s){s=null;const b=ne(this,g,"f"),a=ne(this,_,"f"),' +
      'n=ne(this,K,"f"),z=a+ne(this,F,"f");if(n>0){const o=new Uint32Array(n+1);let r=0;o[0]=a;' +
      'for(let i=a;i<z&&r<n;i++)if(10===b[i])o[++r]=i+1;if(r===n-1){o[n]=z+1;s=o}}' +
      'jsiiCppLineStarts.set(this,s)}' +
      // Binary search; Buffer#compare orders bytes, as the names are sorted.
      'if(null!==s){const b=ne(this,g,"f"),k=Buffer.from(e,"utf-8");let lo=0,hi=ne(this,K,"f")-1;' +
      'for(;lo<=hi;){const m=lo+hi>>>1,c=b.compare(k,0,k.length,s[m],s[m+1]-1);if(0===c)return m;' +
      'c<0?lo=m+1:hi=m-1}}' +
      // Not found: the original lookup.
      'const e2=ne(this,y,"m",Q).call(this),p=new Map;for(let m=0;m<e2.length;m++)p.set(e2[m],m);' +
      're(this,Z,p,"f")}return ne(this,Z,"f").get(e)}})()',
  },
  {
    id: 'runtime-index-offset-check',
    file: PROGRAM,
    // Loading an indexed package checks that the index's definition offsets ascend, one Buffer#readUInt32LE
    // per type: for aws-cdk-lib's 23,145 types ~12 ms in a fresh process here, as each call validates its
    // argument. The offsets lie within the buffer (checked just before), so reading the four bytes directly
    // gives the same values: ~3 ms.
    why: 'the runtime index check reads its offsets byte-wise instead of through validated Buffer calls',
    find: 'let Y=V.readUInt32LE(K.start);if(0!==Y)return;for(let e=1;e<=F;e++){const p=V.readUInt32LE(K.start+4*e);if(p<Y)return;Y=p}',
    replace:
      'let Y=V.readUInt32LE(K.start);if(0!==Y)return;' +
      'for(let e=1,o=K.start+4;e<=F;e++,o+=4){const p=(V[o]|V[o+1]<<8|V[o+2]<<16|V[o+3]<<24)>>>0;if(p<Y)return;Y=p}',
  },
  // The kernel's start requires modules a run that finds its packages in the cache never uses: ~15 ms of
  // its ~85 ms start on the machine of bench/results.md, which a JavaScript app does not pay.
  deferredRequire({
    id: 'defer-tar',
    why: 'tar (and zlib under it) is required when a package is first extracted, not at every start',
    module: '7344', // @jsii/kernel tar-cache: untarInto
    binding: 'K',
    requires: '6827',
    wrap: 'N', // __importStar
    members: ['extract'],
  }),
  deferredRequire({
    id: 'defer-zlib',
    why: 'zlib is required when a compressed assembly is read or written, not at every start',
    module: '5757', // @jsii/spec assembly-utils: loadAssemblyFromBuffer, writeAssembly
    binding: 'B',
    requires: '3106',
    wrap: '_', // __importStar
    members: ['gzipSync', 'gunzipSync'],
  }),
  deferredRequire({
    id: 'defer-worker-threads',
    why: 'worker_threads is required when a runtime index is built, not at every start',
    module: '22', // @jsii/kernel runtime-index: buildIndexInWorker
    binding: 'ce',
    requires: '8167',
    members: ['Worker'],
  }),
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

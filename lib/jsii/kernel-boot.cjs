'use strict';
// Starts the jsii kernel (@jsii/runtime's lib/program.js) with V8's code cache, so that node does not parse and
// compile the kernel's ~400 kB bundle from scratch on every run of a C++ program.
//
//   node --preserve-symlinks kernel-boot.cjs <program.js> <cache directory>
//
// The kernel runs exactly as `node program.js` would run it (same module wrapper, require, __dirname). The
// cache is written when the process exits, only if there was none or V8 rejected it (another node version,
// another bundle: the file name carries both). Any problem with the cache is ignored: it only saves time.
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const [program, cacheDir] = process.argv.slice(2);
if (!program || !cacheDir) {
  process.stderr.write('usage: node kernel-boot.cjs <program.js> <cache directory>\n');
  process.exit(2);
}
const stat = fs.statSync(program);
const cacheFile = path.join(cacheDir,
  `${path.basename(program)}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}.v8cache`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}

const script = new vm.Script(Module.wrap(fs.readFileSync(program, 'utf8')), { filename: program, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  // At exit the functions the kernel ran are compiled too, and go into the cache with the top level.
  process.on('exit', () => {
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const partial = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
    } catch {
      // best effort
    }
  });
}

const kernel = new Module(program, null);
kernel.filename = program;
kernel.paths = Module._nodeModulePaths(path.dirname(program));
process.argv.splice(1, 3, program); // the kernel sees argv as `node program.js`
script.runInThisContext().call(kernel.exports, kernel.exports, Module.createRequire(program), kernel, program,
  path.dirname(program));

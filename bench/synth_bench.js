'use strict';
// The synth benchmark (run by bench/run): cdk-app against its JavaScript twin, side by side, in one run.
//
//   node bench/synth_bench.js <cdk-app binary> [runs] [environment]
//
// 1. Captures the environment the CDK CLI gives an app (one `cdk synth` of the twin).
// 2. Synthesizes every environment with both apps, version reporting off in both, and fails (printing the
//    diff) unless every template is byte-identical: the twin cannot drift from the app.
// 3. Times both apps as the CLI runs them (same context and variables, a fresh outdir each run), interleaved,
//    `runs` times each after one warm-up: with aws-cdk-lib's CloudFormation validator off (CDK_VALIDATION=false)
//    and on (the default); then both through `cdk synth`. Medians. Version reporting stays at the CLI's
//    default (on) in both: each app pays for its own metadata.
// 4. Runs cdk-app five times with JSII_CPP_PROFILE: the breakdown of where its time goes, medians.
// Prints `name: value` lines and appends a dated row to bench/results.md. Never a test: nothing here is
// asserted except template identity.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const [cppApp, runsArg, environmentArg] = process.argv.slice(2);
if (!cppApp || !fs.existsSync(cppApp)) {
  process.stderr.write(`synth_bench: no cdk-app binary at '${cppApp ?? ''}'\n`);
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`synth_bench: runs must be a positive integer, not '${runsArg}'\n`);
  process.exit(2);
}
const environment = environmentArg ?? 'dev';
const cdkCli = path.join(repo, 'node_modules', '.bin', 'cdk');
const twin = path.join(repo, 'bench', 'twin', 'app.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

const apps = {
  cpp: { command: path.resolve(cppApp), args: [], cli: path.resolve(cppApp) },
  js: { command: process.execPath, args: [twin], cli: `${process.execPath} ${twin}` },
};
const quietCli = { CDK_DISABLE_VERSION_CHECK: '1', CDK_DISABLE_CLI_TELEMETRY: 'true' };

function run(command, args, env, what) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(`synth_bench: ${what} failed (${result.status ?? result.signal}):\n${result.stderr}\n`);
    process.exit(1);
  }
  return seconds;
}

let outdirs = 0;
function freshOutdir() {
  const dir = path.join(work, `out-${outdirs++}`);
  fs.mkdirSync(dir);
  return dir;
}

// 1. What the CLI passes to an app.
const capturedFile = path.join(work, 'cli-env.json');
run(cdkCli, ['synth', '--quiet', '--no-notices', '-c', `environment=${environment}`, '--output', freshOutdir(),
  '--app', `${process.execPath} ${path.join(repo, 'bench', 'twin', 'capture_env.js')} ${capturedFile}`],
{ ...process.env, ...quietCli }, 'capturing the CLI environment');
const cliEnv = JSON.parse(fs.readFileSync(capturedFile, 'utf8'));
if (!cliEnv.CDK_CONTEXT_JSON) {
  process.stderr.write('synth_bench: the CLI passed no CDK_CONTEXT_JSON (context in a file?); cannot mirror it\n');
  process.exit(1);
}
const cliContext = JSON.parse(cliEnv.CDK_CONTEXT_JSON);

function appEnv(context, extra = {}) {
  const env = { ...process.env, ...cliEnv, CDK_CONTEXT_JSON: JSON.stringify(context), ...extra };
  delete env.JSII_CPP_PROFILE;
  return env;
}

function synth(app, context, extra = {}) {
  const outdir = freshOutdir();
  const a = apps[app];
  const seconds = run(a.command, a.args, appEnv(context, { ...extra, CDK_OUTDIR: outdir }), `${app} synth`);
  return { seconds, outdir };
}

// 2. Identical templates, every environment.
let templates = 0;
for (const name of ['dev', 'staging', 'production']) {
  const context = { ...cliContext, environment: name, 'aws:cdk:version-reporting': false };
  const cpp = synth('cpp', context, { CDK_VALIDATION: 'false' }).outdir;
  const js = synth('js', context, { CDK_VALIDATION: 'false' }).outdir;
  const list = (dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.template.json')).sort();
  const [cppFiles, jsFiles] = [list(cpp), list(js)];
  let same = JSON.stringify(cppFiles) === JSON.stringify(jsFiles);
  for (const file of same ? cppFiles : []) {
    if (!fs.readFileSync(path.join(cpp, file)).equals(fs.readFileSync(path.join(js, file)))) same = false;
  }
  if (!same) {
    process.stderr.write(`synth_bench: ${name}: cdk-app and the twin synthesize different templates:\n`);
    for (const file of [...new Set([...cppFiles, ...jsFiles])]) {
      spawnSync('diff', ['-u', '--new-file', path.join(js, file), path.join(cpp, file)], { stdio: 'inherit' });
    }
    process.stderr.write('(--- the twin, +++ cdk-app) fix bench/twin to mirror the app\n');
    process.exit(1);
  }
  templates += cppFiles.length;
}
console.log(`templates_identical: ${templates} (dev, staging, production; version reporting off in both)`);

// 3. Timing.
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
function interleaved(measure) {
  measure('cpp');
  measure('js'); // warm-up: page cache, the kernel's package cache
  const times = { cpp: [], js: [] };
  for (let i = 0; i < runs; ++i) {
    for (const app of i % 2 === 0 ? ['cpp', 'js'] : ['js', 'cpp']) times[app].push(measure(app));
  }
  return { cpp: median(times.cpp), js: median(times.js), all: times };
}
const context = { ...cliContext, environment };
const fmt = (x) => x.toFixed(3);
const figures = {};
function report(prefix, ratioName, t) {
  console.log(`${prefix}_cpp_s: ${fmt(t.cpp)}   (runs: ${t.all.cpp.map(fmt).join(' ')})`);
  console.log(`${prefix}_js_s: ${fmt(t.js)}   (runs: ${t.all.js.map(fmt).join(' ')})`);
  console.log(`${ratioName}: ${(t.cpp / t.js).toFixed(3)}`);
  figures[ratioName] = t.cpp / t.js;
  figures[`${prefix}_cpp_s`] = t.cpp;
  figures[`${prefix}_js_s`] = t.js;
}
console.log(`environment: ${environment}`);
console.log(`runs: ${runs} each, interleaved, median`);
report('synth', 'synth_ratio_cpp_over_js', interleaved((app) => synth(app, context, { CDK_VALIDATION: 'false' }).seconds));
report('synth_validated', 'synth_ratio_cpp_over_js_validated', interleaved((app) => synth(app, context).seconds));
report('cdk_synth', 'cdk_synth_ratio_cpp_over_js', interleaved((app) => run(cdkCli,
  ['synth', '--quiet', '--no-notices', '-c', `environment=${environment}`, '--output', freshOutdir(), '--app', apps[app].cli],
  { ...process.env, ...quietCli }, `cdk synth of ${app}`)));

// 4. Where cdk-app's time goes: each figure's median over a few profiled runs (one run is as noisy as the
// timings above).
const profileRuns = 5;
const profiles = [];
for (let i = 0; i < profileRuns; ++i) {
  const profile = path.join(work, `profile-${i}.txt`);
  run(apps.cpp.command, [], { ...appEnv(context, { CDK_VALIDATION: 'false', CDK_OUTDIR: freshOutdir() }),
    JSII_CPP_PROFILE: profile }, 'profiled cdk-app synth');
  if (fs.existsSync(profile)) profiles.push(fs.readFileSync(profile, 'utf8').trim().split('\n'));
}
if (profiles.length === 0) {
  console.log('cpp_profile: not written (a runtime without JSII_CPP_PROFILE support?)');
} else {
  console.log(`cpp_profile_runs: ${profiles.length} (each figure's median)`);
  const figuresByName = new Map();
  for (const lines of profiles) {
    for (const line of lines) {
      const at = line.indexOf(': ');
      const [name, value] = [line.slice(0, at), Number(line.slice(at + 2))];
      if (!figuresByName.has(name)) figuresByName.set(name, []);
      figuresByName.get(name).push(value);
    }
  }
  for (const [name, values] of figuresByName) {
    const value = median(values);
    console.log(`cpp_${name}: ${name.endsWith('_ms') ? value.toFixed(1) : value}`);
  }
}

// The dated row.
const results = path.join(repo, 'bench', 'results.md');
if (!fs.existsSync(results)) {
  fs.writeFileSync(results, '# Synth benchmark results (bench/run)\n\nMedians of interleaved runs on this machine; ' +
    'ratios are cdk-app over its JavaScript twin (lower is better; goals 1.10 / 1.05 / 1.05).\n\n' +
    '| date | commit | env | runs | synth ratio (validator off) | synth ratio (validated) | cdk synth ratio | ' +
    'cdk-app s (off) | twin s (off) |\n|---|---|---|---|---|---|---|---|---|\n');
}
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
fs.appendFileSync(results, `| ${new Date().toISOString().slice(0, 16).replace('T', ' ')} | ${commit} | ${environment} | ` +
  `${runs} | ${figures.synth_ratio_cpp_over_js.toFixed(3)} | ${figures.synth_ratio_cpp_over_js_validated.toFixed(3)} | ` +
  `${figures.cdk_synth_ratio_cpp_over_js.toFixed(3)} | ${fmt(figures.synth_cpp_s)} | ${fmt(figures.synth_js_s)} |\n`);
console.log(`results_row_appended: ${path.relative(repo, results)}`);

// The baseline for bench/kernel_bench: a minimal node client doing the same kernel calls as the C++ benchmark,
// through the standard `bin/jsii-runtime.js` entry over stdio pipes (the transport the official Go/Python/Java
// runtimes use). Prints one JSON object: calls per second for each operation.
//
// usage: node bench/node_client.mjs <runtime dir> <packages.json> <calls per operation>
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const [runtimeDir, manifestPath, callsText] = process.argv.slice(2);
const calls = Number(callsText);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf-8'));

const child = spawn(process.execPath, [`${runtimeDir}/bin/jsii-runtime.js`], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: process.versions.node.split('.')[0] },
});
const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
async function next() {
  const { value, done } = await lines.next();
  if (done) throw new Error('kernel closed its stdout');
  return JSON.parse(value);
}
async function request(req) {
  child.stdin.write(JSON.stringify(req) + '\n');
  const reply = await next();
  if ('error' in reply) throw new Error(`${req.api}: ${reply.error}`);
  return reply.ok;
}

await next(); // hello
for (const p of manifest.packages) await request({ api: 'load', name: p.name, version: p.version, tarball: p.tarball });
const app = (await request({ api: 'create', fqn: 'aws-cdk-lib.App', args: [] }));
const stack = await request({ api: 'create', fqn: 'aws-cdk-lib.Stack', args: [app, 'Bench'] });
const duration = (await request({ api: 'sinvoke', fqn: 'aws-cdk-lib.Duration', method: 'minutes', args: [5] })).result;

async function rate(make) {
  for (let i = 0; i < Math.min(200, calls); i++) await request(make()); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await request(make());
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return calls / seconds;
}
const result = {
  get: await rate(() => ({ api: 'get', objref: stack, property: 'stackName' })),
  invoke: await rate(() => ({ api: 'invoke', objref: duration, method: 'toSeconds', args: [] })),
  create: await rate(() => ({ api: 'create', fqn: 'aws-cdk-lib.aws_iam.PolicyStatement', args: [] })),
};
child.stdin.write('{"exit":0}\n');
child.stdin.end();
console.log(JSON.stringify(result));

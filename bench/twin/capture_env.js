'use strict';
// Run as a CDK app by bench/synth_bench.js (`cdk synth --app "node bench/twin/capture_env.js <file>"`): writes
// the CDK_* variables the CLI gives an app to <file>, then synthesizes the twin so the CLI gets its assembly.
const fs = require('fs');
const path = require('path');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node capture_env.js <output.json>\n');
  process.exit(2);
}
const captured = {};
for (const [key, value] of Object.entries(process.env)) {
  if (key.startsWith('CDK_')) captured[key] = value;
}
fs.writeFileSync(file, JSON.stringify(captured, null, 2));
require(path.join(__dirname, 'app.js'));

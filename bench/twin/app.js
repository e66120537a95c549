'use strict';
// The JavaScript twin of cdk-app (bin/app.cpp): the same constructs, ids, order and literals, written against
// aws-cdk-lib directly. bench/run checks that both synthesize byte-identical templates, then times them.
// (Config validation, lib/config/validation.cpp, is C++-only work and not mirrored: it makes no construct.)
const cdk = require('aws-cdk-lib');
const { findEnvironment } = require('./config');
const { addInfrastructure } = require('./infrastructure');

const app = new cdk.App();
const name = app.node.tryGetContext('environment') ?? 'dev';
const config = findEnvironment(name);
if (!config) {
  process.stderr.write(`twin: unknown environment '${name}'\n`);
  process.exit(2);
}
addInfrastructure(app, config);
app.synth();

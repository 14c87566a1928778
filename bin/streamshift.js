#!/usr/bin/env node
// The `streamshift` command: the CLI is bundled into dist/cli.js by `npm run build`.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error(`streamshift: ${cli} is missing; run "npm run build" first.`);
  process.exit(2);
}
// dist/cli.js only runs main() itself when it is the entry script; from here it is required.
// `run` returns a promise (it ends when the job does); `convert` returns the exit code at once.
Promise.resolve(require(cli).main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});

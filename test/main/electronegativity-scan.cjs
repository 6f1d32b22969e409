// Runs Electronegativity on one folder through its programmatic API and
// prints the findings as JSON on the last line of stdout. The test
// electronegativity.test.ts runs it in a child process.
//
// Usage: node electronegativity-scan.cjs INPUT_FOLDER ELECTRON_VERSION
//
// It does not use the tool's CSV report: Electronegativity 1.10.3 writes
// the CSV header and rows with two unawaited fs.writeFile calls, and in
// about one run in four the header overwrote the first row. Its SARIF
// report has no severities.
//
// Electronegativity fetches translations from the network on every run
// (and release data in one check, which is excluded below). DNS lookups
// fail at once here, so the scan sends no request.
'use strict';
const dns = require('node:dns');

let blockedLookups = 0;
dns.lookup = (hostname, options, callback) => {
  const done = typeof options === 'function' ? options : callback;
  blockedLookups += 1;
  const error = new Error(`the scan makes no network requests (${hostname})`);
  error.code = 'ENOTFOUND';
  process.nextTick(done, error);
};

const run = require('@doyensec/electronegativity');

const [input, electronVersion] = process.argv.slice(2);

run({
  input,
  customScan: [],
  // Compares the Electron version with release data downloaded from
  // GitHub, which cannot be reached offline.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
})
  .then((result) => {
    const findings = result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location.line,
      sample: issue.sample ?? '',
      description: issue.description,
    }));
    const summary = {
      atomicChecks: result.atomicChecks,
      globalChecks: result.globalChecks,
      errors: result.errors,
      findings,
      blockedLookups,
    };
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  });

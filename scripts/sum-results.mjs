// Sums a Vitest JSON report and a Playwright JSON report into the line
// "N passed, N failed[, N skipped]". A missing or unreadable report counts
// as one failure, so a suite that crashed before reporting cannot pass.
import { readFileSync } from 'node:fs';

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    process.stderr.write(`sum-results: cannot read ${path}: ${error.message}\n`);
    return null;
  }
}

function vitestCounts(report) {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites ?? 0),
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function playwrightCounts(report) {
  const stats = report.stats;
  return {
    passed: stats.expected + stats.flaky,
    failed: stats.unexpected + (report.errors?.length ?? 0),
    skipped: stats.skipped,
  };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const [vitestPath, playwrightPath] = process.argv.slice(2);
for (const [path, count] of [
  [vitestPath, vitestCounts],
  [playwrightPath, playwrightCounts],
]) {
  const report = readJson(path);
  const counts = report ? count(report) : { passed: 0, failed: 1, skipped: 0 };
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed > 0 ? 1 : 0);

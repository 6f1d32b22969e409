#!/usr/bin/env bash
# Runs every test suite (Vitest unit tests, then Playwright end-to-end tests
# against the browser preview) and ends with one line "N passed, N failed"
# summing both, because CI reads that line.
set -u
cd "$(dirname "$0")/.."
mkdir -p test-results

npx vitest run --reporter=default --reporter=json \
  --outputFile.json=test-results/vitest.json
unit_status=$?

npm run --silent build
build_status=$?
e2e_status=1
if [ "$build_status" -eq 0 ]; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json \
    npx playwright test --reporter=list,json
  e2e_status=$?
fi

node scripts/sum-results.mjs test-results/vitest.json test-results/playwright.json
sum_status=$?

if [ "$unit_status" -ne 0 ] || [ "$e2e_status" -ne 0 ] || [ "$sum_status" -ne 0 ]; then
  exit 1
fi

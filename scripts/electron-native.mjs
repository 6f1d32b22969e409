#!/usr/bin/env node
// Builds better-sqlite3's native addon for Electron's ABI into
// .native-electron/better_sqlite3.node, which the Electron main process
// loads through better-sqlite3's nativeBinding option. The Node build in
// node_modules/better-sqlite3/build, used by the tests, the preview and the
// CLI, is never touched: the work happens in a copy of the package in a
// temporary folder.
//
// Usage: node scripts/electron-native.mjs [--force]
//   --force  rebuild even when the existing build matches
//
// It first tries a prebuilt binary (prebuild-install), then a compile
// (node-gyp against Electron's headers). Both need internet access. The
// result is accepted only if the addon's exported registration symbol
// names Electron's ABI, because an npm config that sets nodedir (for
// example nodedir=/usr) makes build tools compile for Node's ABI while
// reporting success.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Must match NATIVE_FOLDER and NATIVE_ADDON_FILE in main/electron/database.ts.
const OUTPUT_FOLDER = join(PROJECT_ROOT, '.native-electron');
const OUTPUT_FILE = join(OUTPUT_FOLDER, 'better_sqlite3.node');
const BUILD_INFO_FILE = join(OUTPUT_FOLDER, 'build-info.json');
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
// Compiling better-sqlite3 takes one to two minutes; downloads far less.
const STEP_TIMEOUT_MS = 15 * 60 * 1000;

// npm exports its config to scripts as npm_config_* variables, and
// node-gyp and prebuild-install read them. These would redirect the build
// to another runtime, version or header folder.
const BUILD_CONFIG_KEYS = new Set([
  'npm_config_nodedir',
  'npm_config_target',
  'npm_config_runtime',
  'npm_config_disturl',
  'npm_config_dist_url',
  'npm_config_arch',
  'npm_config_target_arch',
  'npm_config_platform',
  'npm_config_build_from_source',
  'npm_config_devdir',
]);

const projectRequire = createRequire(join(PROJECT_ROOT, 'package.json'));

/** Returns a copy of `env` without the npm settings that redirect a native build. */
export function cleanBuildEnv(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    if (BUILD_CONFIG_KEYS.has(key.toLowerCase())) continue;
    clean[key] = value;
  }
  return clean;
}

/**
 * Returns the ABI (NODE_MODULE_VERSION) a native addon was built for, read
 * from its exported symbol node_register_module_v<ABI>, or undefined when
 * the file has no such symbol.
 */
export function readAddonAbi(path) {
  const text = readFileSync(path).toString('latin1');
  const abis = new Set();
  for (const match of text.matchAll(/node_register_module_v(\d+)/g)) {
    abis.add(Number(match[1]));
  }
  return abis.size === 1 ? [...abis][0] : undefined;
}

/**
 * Returns why the addon at `path` cannot be used with Electron's ABI
 * `expectedAbi`, or undefined when it can.
 */
export function checkAddon(path, expectedAbi) {
  if (!existsSync(path)) return `no addon was produced at ${path}`;

  const abi = readAddonAbi(path);
  if (abi === expectedAbi) return undefined;
  if (abi === undefined) return `${path} exports no node_register_module_v<ABI> symbol`;
  if (abi === Number(process.versions.modules)) {
    return (
      `${path} was built for this Node's ABI ${abi}, not Electron's ${expectedAbi}; ` +
      'a nodedir setting or cached Node headers redirected the build'
    );
  }
  return `${path} was built for ABI ${abi}, not Electron's ${expectedAbi}`;
}

/** Copies the better-sqlite3 package to `destination`, leaving out its build folder. */
export function copyPackageWithoutBuild(source, destination) {
  cpSync(source, destination, {
    recursive: true,
    filter: (path) => {
      const inside = relative(source, path);
      return inside !== 'build' && !inside.startsWith(`build${sep}`);
    },
  });
}

function readElectronTarget() {
  const electronPackage = projectRequire.resolve('electron/package.json');
  const version = JSON.parse(readFileSync(electronPackage, 'utf8')).version;
  // The electron package ships its ABI in this file; the Electron binary
  // itself is not needed.
  const abiFile = join(dirname(electronPackage), 'abi_version');
  if (!existsSync(abiFile)) {
    throw new Error(`${abiFile} is missing; reinstall the electron package with npm ci`);
  }
  const abi = Number(readFileSync(abiFile, 'utf8').trim());
  if (!Number.isInteger(abi)) throw new Error(`${abiFile} does not contain an ABI number`);
  return { version, abi };
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  try {
    candidates.push(projectRequire.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not installed in the project; the other candidates remain.
  }
  return candidates.find((path) => path && existsSync(path));
}

function run(label, command, args, cwd, env) {
  process.stderr.write(`electron-native: ${label}\n`);
  const result = spawnSync(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: STEP_TIMEOUT_MS,
  });
  if (result.error) return `${label}: ${result.error.message}`;
  if (result.status !== 0) return `${label}: exited with code ${result.status}`;
  return undefined;
}

function tryPrebuilt(workFolder, target, env) {
  const bin = projectRequire.resolve('prebuild-install/bin.js');
  return run(
    `downloading a prebuilt binary for Electron ${target.version}`,
    process.execPath,
    [
      bin,
      '--runtime=electron',
      `--target=${target.version}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
      '--verbose',
    ],
    workFolder,
    env,
  );
}

function tryCompile(workFolder, target, env) {
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return 'compiling: node-gyp was not found (install npm or node-gyp)';

  return run(
    `compiling against the headers of Electron ${target.version}`,
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${target.version}`,
      `--arch=${process.arch}`,
      `--dist-url=${ELECTRON_HEADERS_URL}`,
      // Electron's headers in their own folder, apart from Node's.
      `--devdir=${join(homedir(), '.electron-gyp')}`,
    ],
    workFolder,
    env,
  );
}

function isUpToDate(buildInfo) {
  if (!existsSync(OUTPUT_FILE) || !existsSync(BUILD_INFO_FILE)) return false;
  try {
    const stored = JSON.parse(readFileSync(BUILD_INFO_FILE, 'utf8'));
    const same = Object.entries(buildInfo).every(([key, value]) => stored[key] === value);
    return same && checkAddon(OUTPUT_FILE, buildInfo.abi) === undefined;
  } catch {
    return false;
  }
}

function install(addon, buildInfo) {
  mkdirSync(OUTPUT_FOLDER, { recursive: true });
  const partial = `${OUTPUT_FILE}.partial`;
  cpSync(addon, partial);
  renameSync(partial, OUTPUT_FILE);
  writeFileSync(BUILD_INFO_FILE, `${JSON.stringify(buildInfo, null, 2)}\n`);
}

function main() {
  const force = process.argv.includes('--force');
  const target = readElectronTarget();
  const packageFolder = dirname(projectRequire.resolve('better-sqlite3/package.json'));
  const packageVersion = JSON.parse(readFileSync(join(packageFolder, 'package.json'), 'utf8')).version;
  const buildInfo = {
    electron: target.version,
    abi: target.abi,
    betterSqlite3: packageVersion,
    platform: process.platform,
    arch: process.arch,
  };

  if (!force && isUpToDate(buildInfo)) {
    process.stderr.write(
      `electron-native: ${relative(PROJECT_ROOT, OUTPUT_FILE)} is up to date ` +
        `(better-sqlite3 ${packageVersion}, Electron ${target.version}, ABI ${target.abi})\n`,
    );
    return 0;
  }

  const workFolder = mkdtempSync(join(tmpdir(), 'atlas-electron-native-'));
  const workPackage = join(workFolder, 'better-sqlite3');
  const env = cleanBuildEnv(process.env);
  const failures = [];
  try {
    copyPackageWithoutBuild(packageFolder, workPackage);
    const addon = join(workPackage, 'build', 'Release', 'better_sqlite3.node');

    for (const attempt of [tryPrebuilt, tryCompile]) {
      rmSync(join(workPackage, 'build'), { recursive: true, force: true });
      const failure = attempt(workPackage, target, env) ?? checkAddon(addon, target.abi);
      if (failure === undefined) {
        install(addon, buildInfo);
        process.stderr.write(
          `electron-native: wrote ${relative(PROJECT_ROOT, OUTPUT_FILE)} ` +
            `(better-sqlite3 ${packageVersion}, Electron ${target.version}, ABI ${target.abi})\n`,
        );
        return 0;
      }
      failures.push(failure);
    }
  } finally {
    rmSync(workFolder, { recursive: true, force: true });
  }

  process.stderr.write(
    `electron-native: failed to build better-sqlite3 ${packageVersion} for ` +
      `Electron ${target.version} (ABI ${target.abi}).\n` +
      failures.map((failure) => `  - ${failure}\n`).join('') +
      'Both ways need internet access: the prebuilt binary comes from the ' +
      "package's GitHub releases and the headers from " +
      `${ELECTRON_HEADERS_URL}; compiling also needs Python and a C++ compiler.\n` +
      'Run this again on a machine with internet access. The Node build in ' +
      'node_modules/better-sqlite3 was not changed.\n',
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(`electron-native: ${error.message}\n`);
    process.exitCode = 1;
  }
}

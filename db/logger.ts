/**
 * One named logger per module, writing "level name: message" lines to
 * stderr. ATLAS_LOG_LEVEL (debug, info, warn, error, silent) sets the
 * threshold; the default is info.
 */
const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function threshold(): number {
  const configured = process.env.ATLAS_LOG_LEVEL as Level | undefined;
  const index = configured ? LEVELS.indexOf(configured) : -1;
  return index >= 0 ? index : LEVELS.indexOf('info');
}

export function createLogger(name: string): Logger {
  const write = (level: Level) => (message: string) => {
    if (LEVELS.indexOf(level) < threshold()) return;
    process.stderr.write(`${level} ${name}: ${message}\n`);
  };

  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

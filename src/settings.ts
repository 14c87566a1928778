// The `streamshift.*` settings as one typed, validated value. Pure: the adapter passes a getter over
// `workspace.getConfiguration('streamshift')`, tests pass a plain object.

export type ConversionTarget = 'newFile' | 'inPlace';

export interface StreamshiftSettings {
  /** Folder the stream job watches, relative to the job's folder. */
  readonly inputFolder: string;
  /** Root folder for checkpoints, relative to the job's folder. */
  readonly checkpointFolder: string;
  readonly triggerIntervalSeconds: number;
  /** At most this many new files per micro-batch of a converted DataFrame job; 0 = no limit. */
  readonly maxFilesPerTrigger: number;
  readonly conversionTarget: ConversionTarget;
  readonly newFileSuffix: string;
  readonly autoFeedIntervalSeconds: number;
  /** Files longer than this (characters) get no lightbulb: detection would cost more than it helps. */
  readonly lightbulbMaxFileSize: number;
  readonly hintDiagnostics: boolean;
}

export const defaultSettings: StreamshiftSettings = {
  inputFolder: 'stream_input/',
  checkpointFolder: 'checkpoint/',
  triggerIntervalSeconds: 5,
  maxFilesPerTrigger: 1000,
  conversionTarget: 'newFile',
  newFileSuffix: '.stream.ts',
  autoFeedIntervalSeconds: 3,
  lightbulbMaxFileSize: 200_000,
  hintDiagnostics: false,
};

/** Reads one setting by its key below `streamshift.`; undefined when unset. */
export type SettingGetter = (key: string) => unknown;

/**
 * Settings with bad values fall back to their defaults instead of failing: a typo in settings.json must
 * not break the lightbulb. `invalid` lists what was ignored so the adapter can log it.
 */
export function readSettings(get: SettingGetter): { settings: StreamshiftSettings; invalid: string[] } {
  const invalid: string[] = [];
  const folder = (key: string, fallback: string): string => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'string' && value.trim() !== '' && !isAbsoluteOrEscaping(value)) return value.trim();
    invalid.push(
      `streamshift.${key}: expected a folder relative to the job's folder, got ${JSON.stringify(value)}`,
    );
    return fallback;
  };
  const positive = (key: string, fallback: number): number => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    invalid.push(`streamshift.${key}: expected a positive number, got ${JSON.stringify(value)}`);
    return fallback;
  };
  const count = (key: string, fallback: number): number => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    invalid.push(`streamshift.${key}: expected a whole number ≥ 0, got ${JSON.stringify(value)}`);
    return fallback;
  };
  const target = get('conversionTarget');
  let conversionTarget = defaultSettings.conversionTarget;
  if (target === 'newFile' || target === 'inPlace') conversionTarget = target;
  else if (target !== undefined) {
    invalid.push(
      `streamshift.conversionTarget: expected "newFile" or "inPlace", got ${JSON.stringify(target)}`,
    );
  }
  const suffix = get('newFileSuffix');
  let newFileSuffix = defaultSettings.newFileSuffix;
  if (typeof suffix === 'string' && /^\.[\w.-]+$/.test(suffix)) newFileSuffix = suffix;
  else if (suffix !== undefined) {
    invalid.push(
      `streamshift.newFileSuffix: expected a suffix such as ".stream.ts", got ${JSON.stringify(suffix)}`,
    );
  }
  const hints = get('hintDiagnostics');
  let hintDiagnostics = defaultSettings.hintDiagnostics;
  if (typeof hints === 'boolean') hintDiagnostics = hints;
  else if (hints !== undefined)
    invalid.push(`streamshift.hintDiagnostics: expected true or false, got ${JSON.stringify(hints)}`);

  return {
    settings: {
      inputFolder: folder('inputFolder', defaultSettings.inputFolder),
      checkpointFolder: folder('checkpointFolder', defaultSettings.checkpointFolder),
      triggerIntervalSeconds: positive('triggerIntervalSeconds', defaultSettings.triggerIntervalSeconds),
      maxFilesPerTrigger: count('maxFilesPerTrigger', defaultSettings.maxFilesPerTrigger),
      conversionTarget,
      newFileSuffix,
      autoFeedIntervalSeconds: positive('autoFeedIntervalSeconds', defaultSettings.autoFeedIntervalSeconds),
      lightbulbMaxFileSize: positive('lightbulb.maxFileSize', defaultSettings.lightbulbMaxFileSize),
      hintDiagnostics,
    },
    invalid,
  };
}

/** Folders are relative to the job: an absolute path or `..` would let a job write outside its folder. */
function isAbsoluteOrEscaping(path: string): boolean {
  if (/^([a-zA-Z]:)?[\\/]/.test(path)) return true;
  return path.split(/[\\/]/).includes('..');
}

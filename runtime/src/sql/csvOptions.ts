// CSV reader options with Spark's names and defaults.

export type ParseMode = 'PERMISSIVE' | 'DROPMALFORMED' | 'FAILFAST';

export interface CsvOptions {
  header: boolean;
  inferSchema: boolean;
  sep: string;
  quote: string;
  escape: string;
  nullValue: string;
  timestampFormat: string | undefined;
  dateFormat: string | undefined;
  mode: ParseMode;
  columnNameOfCorruptRecord: string;
  encoding: string;
  comment: string | undefined;
}

export type OptionValue = string | number | boolean;

function bool(v: OptionValue | undefined, dflt: boolean, name: string): boolean {
  if (v === undefined) return dflt;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  throw new Error(`[INVALID_OPTION] ${name} should be a boolean, but got "${v}"`);
}

/** Reads options case-insensitively, as Spark does. */
export function lookup(options: Record<string, OptionValue>, name: string): OptionValue | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(options)) if (k.toLowerCase() === lower && v !== undefined) return v;
  return undefined;
}

export function parseMode(v: OptionValue | undefined): ParseMode {
  if (v === undefined) return 'PERMISSIVE';
  const m = String(v).toUpperCase();
  if (m === 'PERMISSIVE' || m === 'DROPMALFORMED' || m === 'FAILFAST') return m;
  // Spark falls back to PERMISSIVE for unknown modes (with a warning).
  return 'PERMISSIVE';
}

export function csvOptions(options: Record<string, OptionValue>): CsvOptions {
  const get = (n: string): OptionValue | undefined => lookup(options, n);
  const sep = String(get('sep') ?? get('delimiter') ?? ',').replace(/^\\t$/, '\t');
  if (sep.length !== 1)
    throw new Error(`[INVALID_OPTION] sep: only a single-character delimiter is supported, got "${sep}"`);
  const quote = String(get('quote') ?? '"');
  const escape = String(get('escape') ?? '\\');
  const comment = get('comment');
  for (const unsupported of ['ignoreLeadingWhiteSpace', 'ignoreTrailingWhiteSpace', 'multiLine', 'lineSep'])
    if (get(unsupported) !== undefined && unsupported !== 'multiLine')
      throw new Error(`[UNSUPPORTED_OPTION] CSV option "${unsupported}" is not supported by this runtime`);
  return {
    header: bool(get('header'), false, 'header'),
    inferSchema: bool(get('inferSchema'), false, 'inferSchema'),
    sep,
    quote: quote === '' ? '\u0000' : quote,
    escape,
    nullValue: String(get('nullValue') ?? ''),
    timestampFormat: get('timestampFormat') === undefined ? undefined : String(get('timestampFormat')),
    dateFormat: get('dateFormat') === undefined ? undefined : String(get('dateFormat')),
    mode: parseMode(get('mode')),
    columnNameOfCorruptRecord: String(get('columnNameOfCorruptRecord') ?? '_corrupt_record'),
    encoding: String(get('encoding') ?? get('charset') ?? 'utf-8'),
    comment: comment === undefined || comment === '' ? undefined : String(comment),
  };
}

// Loads the converter (ts-morph, ~0.8 s) on first use instead of at activation. The extension passes a
// loader that requires the separate dist/convert.js bundle (ADR 0002); tests pass the source module.
import type { Conversion, ConvertOptions, JobFile, Pipeline, TextSpan } from './convert/api';

/** What src/convert/index.ts exports, as the adapters use it. */
export interface ConverterModule {
  detect(file: JobFile, range?: TextSpan): readonly Pipeline[];
  convert(file: JobFile, options?: ConvertOptions): Conversion;
}

export interface LazyConverter {
  /** Loads the converter now if it is not loaded yet (e.g. the user asked for a conversion). */
  get(): ConverterModule;
  readonly isLoaded: boolean;
  /**
   * Pipelines in the file, or undefined when the converter cannot read it (parse errors, unsupported
   * syntax). Never throws: the lightbulb and the diagnostics must stay quiet on broken code.
   */
  tryDetect(file: JobFile, range?: TextSpan): readonly Pipeline[] | undefined;
}

export function createLazyConverter(
  load: () => ConverterModule,
  onError?: (error: unknown) => void,
): LazyConverter {
  let loaded: ConverterModule | undefined;
  const get = (): ConverterModule => (loaded ??= load());
  return {
    get,
    get isLoaded() {
      return loaded !== undefined;
    },
    tryDetect(file, range) {
      try {
        return get().detect(file, range);
      } catch (error) {
        onError?.(error);
        return undefined;
      }
    },
  };
}

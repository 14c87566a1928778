// Shared state for compiling expressions to JavaScript source. User-provided values (literals, names,
// patterns, functions) never appear in the generated text: they go into the constants array `K`, and
// the code refers to them as `K[i]`. Column values are referenced through variable names chosen here.

export class GenContext {
  readonly constants: unknown[] = [];
  private tempCount = 0;
  readonly tempNames: string[] = [];

  /** @param input JS expression giving the value of input column i (e.g. a local variable). */
  constructor(
    public input: (i: number) => string,
    private readonly prefix = 't',
  ) {}

  /** Registers a constant; returns the JS expression that reads it. */
  constant(value: unknown): string {
    const i = this.constants.indexOf(value);
    if (i >= 0 && (typeof value === 'function' || typeof value === 'object')) return `K[${i}]`;
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  /** A fresh temporary variable, declared by `declarations()`. */
  temp(): string {
    const name = `${this.prefix}${this.tempCount++}`;
    this.tempNames.push(name);
    return name;
  }

  declarations(): string {
    return this.tempNames.length === 0 ? '' : `let ${this.tempNames.join(', ')};\n`;
  }
}

/**
 * Builds a function from generated source. `body` may use `K` (constants) plus the named parameters.
 * Only this file calls `new Function`, so every generated function goes through the same path.
 */
export function compile<F>(params: string[], body: string, constants: unknown[]): F {
  // STREAMSHIFT_DUMP_CODEGEN=1 prints every generated function (to see what a query compiles to).
  if (process.env.STREAMSHIFT_DUMP_CODEGEN) console.error(body);
  const factory = new Function(
    'K',
    `"use strict";\nreturn function generated(${params.join(', ')}) {\n${body}\n};`,
  );
  return factory(constants) as F;
}

// Entry point of the `streamshift` command line tool.
const usage = `usage: streamshift <command>

commands:
  convert <batch.ts> [-o <stream.ts>] [--in-place] [--check] [--json]
`;

export function main(argv: string[]): number {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write(usage);
    return argv.length === 0 ? 2 : 0;
  }
  process.stderr.write(`streamshift: unknown command "${argv[0]}"\n${usage}`);
  return 2;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));

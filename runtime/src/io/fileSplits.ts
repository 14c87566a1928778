/** A byte range of one input file: one partition of a `textFile` RDD. */
export interface FileSplit {
  readonly path: string;
  readonly start: number;
  readonly length: number;
}

/** An input file and its size in bytes. */
export interface InputFile {
  readonly path: string;
  readonly size: number;
}

/** Hadoop's `fs.local.block.size`: the largest split of a local file. */
export const LOCAL_BLOCK_SIZE = 32 * 1024 * 1024;

/**
 * Cuts input files into splits the way Hadoop's FileInputFormat.getSplits does, so that `textFile` yields
 * the same partition count as Spark for the same files and `minPartitions`: a goal size of total bytes /
 * minPartitions, capped by the block size, with the last split of a file allowed to be up to 10% larger
 * than the others. Every empty file still gets one (empty) split, as in Hadoop.
 */
export function planFileSplits(
  files: readonly InputFile[],
  minPartitions: number,
  blockSize: number = LOCAL_BLOCK_SIZE,
): FileSplit[] {
  const totalSize = files.reduce((sum, file) => sum + file.size, 0);
  const goalSize = Math.floor(totalSize / Math.max(1, minPartitions));
  const splitSize = Math.max(1, Math.min(goalSize, blockSize));
  const splits: FileSplit[] = [];
  for (const file of files) {
    if (file.size === 0) {
      splits.push({ path: file.path, start: 0, length: 0 });
      continue;
    }
    let remaining = file.size;
    while (remaining / splitSize > SPLIT_SLOP) {
      splits.push({ path: file.path, start: file.size - remaining, length: splitSize });
      remaining -= splitSize;
    }
    if (remaining > 0) splits.push({ path: file.path, start: file.size - remaining, length: remaining });
  }
  return splits;
}

const SPLIT_SLOP = 1.1;

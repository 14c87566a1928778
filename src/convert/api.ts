// The converter's public contract, shared by the CLI, the VS Code adapters and the tests.
// Two speeds (like TypeScript's refactors): `detect` is cheap and runs for every lightbulb request;
// `convert` builds the edit only when the user asks for it.

/** A job file as text; the converter never reads the editor or the disk for the file itself. */
export interface JobFile {
  readonly fileName: string;
  readonly text: string;
}

/** Character offsets into JobFile.text, end exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export type PipelineApi = 'rdd' | 'dataframe';

export type StepKind =
  'stateless' | 'aggregation' | 'window' | 'join' | 'dedup' | 'order' | 'limit' | 'action';

export interface PipelineStep {
  /** The method called, e.g. `reduceByKey`, `groupBy`. */
  readonly name: string;
  readonly kind: StepKind;
  readonly span: TextSpan;
}

export interface PipelineSource {
  /** The method that creates the dataset: `textFile`, `parallelize`, `csv`, `json`, `text`, `load`. */
  readonly method: string;
  /** The path literal when it is statically known. */
  readonly path?: string;
  readonly span: TextSpan;
}

export interface PipelineSink {
  /** `saveAsTextFile`, `csv`, `json`, `text`, `save`, `show`, `collect`, `count`, `foreach`, ... */
  readonly method: string;
  readonly path?: string;
  readonly span: TextSpan;
}

/** Something the conversion changes in behaviour, shown to the user before applying. */
export interface ConversionChange {
  readonly message: string;
  readonly span: TextSpan;
}

/** Why a pipeline cannot stream, where, and what the user can do instead. */
export interface BlockReason {
  readonly message: string;
  readonly fix: string;
  readonly span: TextSpan;
}

export type Verdict =
  | { readonly status: 'convertible' }
  | { readonly status: 'convertible-with-changes'; readonly changes: readonly ConversionChange[] }
  | { readonly status: 'blocked'; readonly reasons: readonly BlockReason[] };

export interface Pipeline {
  /** Stable within one version of the text (e.g. derived from the source's position). */
  readonly id: string;
  readonly api: PipelineApi;
  /** Short human label for pickers, e.g. `textFile("batch_input/data.csv") → reduceByKey → saveAsTextFile`. */
  readonly label: string;
  /** From the source expression to the end of the sink statement: where the lightbulb is offered. */
  readonly span: TextSpan;
  readonly source: PipelineSource;
  readonly steps: readonly PipelineStep[];
  readonly sink?: PipelineSink;
  readonly verdict: Verdict;
}

export interface ConvertOptions {
  /** Folder the stream job watches, relative to the job's folder. Default `stream_input/`. */
  readonly inputDir?: string;
  /** Micro-batch interval / trigger in seconds. Default 5 (DStream) or processing-time 5 s. */
  readonly triggerSeconds?: number;
  /**
   * Most new files per micro-batch of a DataFrame stream (the file source's `maxFilesPerTrigger`), so a
   * backlog does not become one huge micro-batch. Default 1000; 0 leaves the option out (no limit).
   */
  readonly maxFilesPerTrigger?: number;
  /** Root folder for checkpoints, relative to the job's folder. Default `checkpoint/`. */
  readonly checkpointRoot?: string;
  /** Only these pipelines (by id); default all convertible ones. */
  readonly pipelineIds?: readonly string[];
  /**
   * Reads a data file the job refers to (for schema inference), resolved relative to the job's folder.
   * Returns undefined when it does not exist. Default: node's fs.
   */
  readonly readDataFile?: (absolutePath: string) => string | undefined;
}

export interface TextEdit {
  readonly span: TextSpan;
  readonly newText: string;
}

export interface Conversion {
  /** Non-overlapping edits against the original text, in ascending order. */
  readonly edits: readonly TextEdit[];
  /** The whole converted text (original with edits applied). */
  readonly text: string;
  /** Notes for the preview, e.g. `schema inferred from batch_input/data.csv`. */
  readonly notes: readonly string[];
  /** Ids of the pipelines that were converted. */
  readonly converted: readonly string[];
}

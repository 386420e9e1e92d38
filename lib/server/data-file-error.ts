/** Why a `--data` file cannot be used. */
export type DataFileErrorCode =
  /** The path cannot hold a data file: missing folder, not a regular file, not writable. */
  | 'DATA_PATH_INVALID'
  /** The snapshot or the journal holds something that is not what hpkv-local writes. */
  | 'DATA_FILE_CORRUPT';

/** A data file (`--data`, `startLocalServer({ dataFile })`) that cannot be used; the message names the file. */
export class DataFileError extends Error {
  constructor(
    readonly code: DataFileErrorCode,
    /** The file at fault: the snapshot, its journal or its folder. */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataFileError';
  }
}

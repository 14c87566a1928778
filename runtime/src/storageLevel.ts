/**
 * PySpark's storage levels, accepted by `persist` so converted code keeps its arguments. Everything is
 * kept in this process's memory whatever the level; the level is recorded and reported back.
 */
export class StorageLevel {
  static readonly NONE = new StorageLevel(false, false, false, false, 1, 'NONE');
  static readonly DISK_ONLY = new StorageLevel(true, false, false, false, 1, 'DISK_ONLY');
  static readonly DISK_ONLY_2 = new StorageLevel(true, false, false, false, 2, 'DISK_ONLY_2');
  static readonly MEMORY_ONLY = new StorageLevel(false, true, false, false, 1, 'MEMORY_ONLY');
  static readonly MEMORY_ONLY_2 = new StorageLevel(false, true, false, false, 2, 'MEMORY_ONLY_2');
  static readonly MEMORY_AND_DISK = new StorageLevel(true, true, false, false, 1, 'MEMORY_AND_DISK');
  static readonly MEMORY_AND_DISK_2 = new StorageLevel(true, true, false, false, 2, 'MEMORY_AND_DISK_2');
  static readonly OFF_HEAP = new StorageLevel(true, true, true, false, 1, 'OFF_HEAP');

  constructor(
    readonly useDisk: boolean,
    readonly useMemory: boolean,
    readonly useOffHeap: boolean,
    readonly deserialized: boolean,
    readonly replication = 1,
    private readonly label?: string,
  ) {}

  toString(): string {
    return (
      this.label ??
      `StorageLevel(${this.useDisk}, ${this.useMemory}, ${this.useOffHeap}, ${this.deserialized}, ${this.replication})`
    );
  }
}

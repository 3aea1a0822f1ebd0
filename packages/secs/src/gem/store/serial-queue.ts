// Asynchronous file operations that must happen one at a time, in the order they were asked for: a
// later write never lands before an earlier one. After a failure the queue refuses everything that
// follows with the same error, since what is on disk no longer matches what later operations assume
// (an append after a lost one would leave a hole that recovery reads as the end of the file).

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private count = 0;

  /** Operations asked for so far; a new one changes it (group commit joins a batch only at the tail). */
  get enqueued(): number {
    return this.count;
  }

  /** The first failure, after which every operation is refused. */
  get failed(): Error | undefined {
    return this.failure;
  }

  /** Run `op` after every operation asked for before it; rejects as `op` does, or with an earlier failure. */
  run<T>(op: () => Promise<T>): Promise<T> {
    this.count++;
    const result = this.tail.then(() => {
      if (this.failure !== undefined) throw this.failure;
      return op();
    });
    this.tail = result.then(
      () => {},
      (err: unknown) => {
        this.failure ??= err instanceof Error ? err : new Error(String(err));
      },
    );
    return result;
  }

  /** Resolves once every operation asked for so far has finished; rejects if any of them failed. */
  async settled(): Promise<void> {
    await this.tail;
    if (this.failure !== undefined) throw this.failure;
  }
}

// Operations on one named thing (a document, a process program) that must not overlap or reorder:
// each runs after the last one asked for on the same key, whatever becomes of it. Different keys run
// side by side. Unlike SerialQueue, a failure stays with its own operation (each one replaces the
// whole file, so a failed write does not make the next one wrong).

export class OrderedByKey {
  // Per key, the end of the last operation asked for (removed once nothing follows it).
  private readonly tails = new Map<string, Promise<void>>();

  /** Run `op` after every operation asked for on `key` before it; resolves or rejects as `op` does. */
  run<T>(key: string, op: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(op);
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

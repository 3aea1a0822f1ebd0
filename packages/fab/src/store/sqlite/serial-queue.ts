// One connection serves every operation of the embedded store, and a batch's transaction stays open
// across the event-loop turns it yields: operations must therefore run one after another, or a read
// would see a batch half written. A promise chain is that queue.

/** Runs tasks one at a time in the order they were queued. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Run `task` after every task queued before it; resolves or rejects with its outcome. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(task);
    // The chain goes on whether the task failed or not; its caller sees the failure through `next`.
    this.tail = next.catch(() => undefined);
    return next;
  }
}

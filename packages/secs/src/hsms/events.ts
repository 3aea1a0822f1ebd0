/** A minimal typed event emitter: one argument per event, `on` returns the unsubscribe function. */
export class TypedEmitter<E extends object> {
  private readonly listeners = new Map<keyof E, Array<(arg: never) => void>>();

  /** Subscribe; returns a function that removes this listener. */
  on<K extends keyof E>(event: K, fn: (arg: E[K]) => void): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(fn as (arg: never) => void);
    this.listeners.set(event, list);
    return () => {
      const cur = this.listeners.get(event);
      if (cur === undefined) return;
      const i = cur.indexOf(fn as (arg: never) => void);
      if (i >= 0) cur.splice(i, 1);
    };
  }

  /** Subscribe for the next event only. */
  once<K extends keyof E>(event: K, fn: (arg: E[K]) => void): () => void {
    const off = this.on(event, (arg) => {
      off();
      fn(arg);
    });
    return off;
  }

  listenerCount(event: keyof E): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Call the listeners of `event` in order. Unlike Node's EventEmitter, an unheard 'error' is not thrown. */
  emit<K extends keyof E>(event: K, arg: E[K]): void {
    const list = this.listeners.get(event);
    if (list === undefined || list.length === 0) return;
    for (const fn of list.slice()) (fn as (a: E[K]) => void)(arg);
  }
}

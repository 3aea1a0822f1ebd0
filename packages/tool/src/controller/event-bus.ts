// The controller's events, delivered in the order they were emitted, and only between transitions:
// while the controller changes state (a step ends, a robot operation moves substrates, a command
// acts) its events wait, and go out once the change is complete. A listener that issues a command
// therefore always finds the tool in a consistent state, and the command's own events follow the
// ones already waiting, so every listener sees one order: virtual time order.
import type { ToolEventMap, ToolEventName } from './tool-api.js';

type Listener = (payload: never) => void;

export class EventBus {
  private readonly listeners = new Map<ToolEventName, Listener[]>();
  private readonly queue: { event: ToolEventName; payload: unknown }[] = [];
  private depth = 0;
  private delivering = false;

  /** Subscribe; returns the function that unsubscribes. */
  on<E extends ToolEventName>(event: E, listener: (payload: ToolEventMap[E]) => void): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as Listener);
    this.listeners.set(event, list);
    return () => {
      const cur = this.listeners.get(event);
      const i = cur?.indexOf(listener as Listener) ?? -1;
      if (cur !== undefined && i >= 0) cur.splice(i, 1);
    };
  }

  emit<E extends ToolEventName>(event: E, payload: ToolEventMap[E]): void {
    this.queue.push({ event, payload });
    this.flush();
  }

  /** Run a state change; the events it emits are delivered when it (and any batch around it) ends. */
  batch<T>(change: () => T): T {
    this.depth++;
    try {
      return change();
    } finally {
      this.depth--;
      this.flush();
    }
  }

  private flush(): void {
    if (this.depth > 0 || this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        for (const l of [...(this.listeners.get(next.event) ?? [])])
          (l as (p: unknown) => void)(next.payload);
      }
    } finally {
      this.delivering = false;
      // A listener threw: the events behind it still go out, in order, before the error surfaces.
      if (this.queue.length > 0) this.flush();
    }
  }
}

// An operation that takes exactly as long as the test says: instead of a timer standing in for a slow
// disk or a busy peer (too short on a loaded machine, too long on an idle one), a promise the test
// settles when it has checked what must hold meanwhile.

/** A gate: `done` resolves once `open` is called. */
export interface Gate {
  readonly done: Promise<void>;
  open(): void;
}

/** A closed gate. */
export function gate(): Gate {
  let open = (): void => {};
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

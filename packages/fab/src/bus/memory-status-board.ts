// The embedded ToolStatusBoard: the latest status of each tool, in a Map.
import type { ToolStatus, ToolStatusBoard } from '../pipeline/seams.js';

export class MemoryStatusBoard implements ToolStatusBoard {
  readonly #statuses = new Map<string, ToolStatus>();

  async put(status: ToolStatus): Promise<void> {
    this.#statuses.set(status.toolId, status);
  }

  async get(toolId: string): Promise<ToolStatus | undefined> {
    return this.#statuses.get(toolId);
  }

  /** By tool id. */
  async list(): Promise<readonly ToolStatus[]> {
    return [...this.#statuses.values()].sort((a, b) =>
      a.toolId < b.toolId ? -1 : a.toolId > b.toolId ? 1 : 0,
    );
  }
}

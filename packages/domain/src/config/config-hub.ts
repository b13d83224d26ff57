/**
 * Local subscribers to config changes (the SSE streams of this instance). The invalidation bus calls
 * `notify` for a project when a change was made here or announced by another instance; each stream then
 * re-reads its environment's delivered config and sends it if it moved on.
 */
export interface ConfigSubscriber {
  /** The API key the stream authenticated with: its rotation or deletion ends the stream. */
  keyId: string;
  onChange(): void;
  /** The instance is shutting down: end the stream so the client reconnects elsewhere. */
  onClose(): void;
}

export class ConfigHub {
  readonly #byProject = new Map<string, Set<ConfigSubscriber>>();
  readonly #generations = new Map<string, number>();
  #globalGeneration = 0;

  /**
   * Changes seen for a project so far. A reader that computed a cache entry from the database stores it
   * only if the generation did not move meanwhile, so a change committed during the read is never
   * hidden behind a stale cache entry.
   */
  generation(projectId: string): number {
    return this.#globalGeneration + (this.#generations.get(projectId) ?? 0);
  }

  subscribe(projectId: string, sub: ConfigSubscriber): () => void {
    let set = this.#byProject.get(projectId);
    if (!set) this.#byProject.set(projectId, (set = new Set()));
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0 && this.#byProject.get(projectId) === set) this.#byProject.delete(projectId);
    };
  }

  notify(projectId: string): void {
    this.#generations.set(projectId, (this.#generations.get(projectId) ?? 0) + 1);
    for (const sub of this.#byProject.get(projectId) ?? []) sub.onChange();
  }

  /** After a dropped bus connection any project may have changed. */
  notifyAll(): void {
    this.#globalGeneration++;
    for (const set of this.#byProject.values()) for (const sub of set) sub.onChange();
  }

  /** Ends the streams of a rotated or deleted API key. */
  closeKey(keyId: string): void {
    for (const set of [...this.#byProject.values()]) for (const sub of [...set]) if (sub.keyId === keyId) sub.onClose();
  }

  /** Ends every stream of a deleted project. */
  closeProject(projectId: string): void {
    for (const sub of [...(this.#byProject.get(projectId) ?? [])]) sub.onClose();
  }

  closeAll(): void {
    for (const set of [...this.#byProject.values()]) for (const sub of [...set]) sub.onClose();
    this.#byProject.clear();
  }

  get subscribers(): number {
    let n = 0;
    for (const set of this.#byProject.values()) n += set.size;
    return n;
  }
}

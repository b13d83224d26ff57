/**
 * Concurrent calls for the same key share one promise: under load, a cache entry that expires is rebuilt
 * by one query, not by every request that missed it. State is per App (tests run several in one process).
 */
export function singleFlight<T>(): (owner: object, key: string, run: () => Promise<T>) => Promise<T> {
  const inflight = new WeakMap<object, Map<string, Promise<T>>>();
  return (owner, key, run) => {
    let byKey = inflight.get(owner);
    if (!byKey) inflight.set(owner, (byKey = new Map()));
    let pending = byKey.get(key);
    if (!pending) {
      const map = byKey;
      pending = run().finally(() => map.delete(key));
      map.set(key, pending);
    }
    return pending;
  };
}

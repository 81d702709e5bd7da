import { use, type ComponentType, type ReactNode, type ReactPromise } from 'react';

/**
 * A component whose code is a separate chunk: what the first screen does not show (launcher,
 * toolbar, dialogs, help panel) stays out of the start's critical path.
 */
export interface LazyPart<P extends object> {
  /** Renders the part; suspends (see the `<Suspense>` around it) only while its chunk is still loading. */
  Component: (props: P) => ReactNode;
  /** Starts loading the chunk, or returns the load already under way; resolves when it can render. */
  preload: () => Promise<void>;
}

/** The fields React's `use()` reads on a promise (`ReactPromise`): once they say "fulfilled", it renders without suspending. */
type TrackedPromise<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

/**
 * Wraps `load` (a dynamic import and whatever else the part needs first, e.g. texts) as a part.
 * Once `preload()` has finished, rendering is synchronous: `use()` sees a settled promise and
 * never shows the fallback, so a prefetched launcher appears in the same frame as "Start" is
 * handled. The chunk loads once; a failed load is retried on the next render or preload.
 * Build parts per shell (as `createShellParts` does), not at module level.
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loading: TrackedPromise<ComponentType<P>> | null = null;
  const start = (): TrackedPromise<ComponentType<P>> => {
    if (loading) return loading;
    const promise: TrackedPromise<ComponentType<P>> = load();
    promise.status = 'pending';
    promise.then(
      (value) => {
        promise.status = 'fulfilled';
        promise.value = value;
      },
      (reason: unknown) => {
        promise.status = 'rejected';
        promise.reason = reason;
        if (loading === promise) loading = null;
      },
    );
    loading = promise;
    return promise;
  };
  function Component(props: P) {
    const Loaded = use(start() as ReactPromise<ComponentType<P>>);
    return <Loaded {...props} />;
  }
  return { Component, preload: () => start().then(() => undefined) };
}

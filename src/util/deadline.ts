/**
 * Runs `work` with a deadline: its signal aborts after `ms` (or when `signal` aborts), and the
 * returned promise settles by the deadline even if `work` ignores its signal (an SDK call that does
 * not honour abort keeps running in the background; its result is dropped). On timeout it rejects
 * with `onTimeout()`; when `signal` aborts first it rejects with the signal's reason.
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
  options: { readonly signal?: AbortSignal; readonly onTimeout: () => Error },
): Promise<T> {
  const controller = new AbortController();
  const timedOut = options.onTimeout;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unlink = () => {};
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timedOut();
      controller.abort(error);
      reject(error);
    }, ms);
    const outer = options.signal;
    if (outer) {
      const onAbort = () => {
        controller.abort(outer.reason);
        reject(outer.reason instanceof Error ? outer.reason : new Error('Aborted'));
      };
      if (outer.aborted) onAbort();
      else {
        outer.addEventListener('abort', onAbort, { once: true });
        unlink = () => outer.removeEventListener('abort', onAbort);
      }
    }
  });
  deadline.catch(() => undefined);
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } catch (error) {
    // An SDK call aborted by our timer rejects with its own AbortError: report the timeout instead.
    if (controller.signal.aborted && controller.signal.reason instanceof Error)
      throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    unlink();
  }
}

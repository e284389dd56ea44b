import { useEffect, useState } from 'preact/hooks';

/**
 * How many of `total` parts may render yet: the first at once, then one more in a task of its own after each
 * commit. Opening a lab's workspace renders every panel for the first time (and compiles their code); done in
 * one go that is a main-thread task of several hundred milliseconds, during which the reader's first click
 * waits. In stages it is several short tasks, and the lab bar is usable from the first.
 */
export function useStagedMount(total: number): number {
  const [shown, setShown] = useState(1);
  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => setShown((n) => n + 1), 0);
    return () => clearTimeout(timer);
  }, [shown, total]);
  return Math.min(shown, total);
}

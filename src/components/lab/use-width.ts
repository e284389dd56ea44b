import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The size of an element's content box, kept up to date as it resizes; `fallback` until it has been measured,
 * which the third value tells (the first measure arrives before the first paint).
 */
export function useSize<T extends Element>(fallback: { readonly width: number; readonly height: number }) {
  const ref = useRef<T>(null);
  const [size, setSize] = useState<{ readonly width: number; readonly height: number; readonly measured: boolean }>({
    ...fallback,
    measured: false,
  });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height), measured: true });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size, size.measured] as const;
}

/** The width of an element, kept up to date as it resizes; `fallback` until it has been measured (the third value). */
export function useWidth<T extends Element>(fallback: number) {
  const [ref, size, measured] = useSize<T>({ width: fallback, height: 0 });
  return [ref, size.width, measured] as const;
}

import { useEffect, useRef, useState } from 'preact/hooks';

/** The size of an element's content box, kept up to date as it resizes; `fallback` until it has been measured. */
export function useSize<T extends Element>(fallback: { readonly width: number; readonly height: number }) {
  const ref = useRef<T>(null);
  const [size, setSize] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ width: Math.floor(entry.contentRect.width), height: Math.floor(entry.contentRect.height) });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size] as const;
}

/** The width of an element, kept up to date as it resizes; `fallback` until it has been measured. */
export function useWidth<T extends Element>(fallback: number) {
  const [ref, size] = useSize<T>({ width: fallback, height: 0 });
  return [ref, size.width] as const;
}

/** Events ordered by virtual time, ties broken by insertion order, so processing order is total and repeatable. */
export interface Queued<T> {
  readonly at: number;
  readonly seq: number;
  readonly event: T;
}

export class EventQueue<T> {
  readonly #heap: Queued<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** True when every queued event passes `predicate` (and, vacuously, when none is queued). */
  every(predicate: (event: T) => boolean): boolean {
    return this.#heap.every((queued) => predicate(queued.event));
  }

  push(at: number, event: T) {
    this.#heap.push({ at, seq: this.#seq++, event });
    let i = this.#heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#before(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  pop(): Queued<T> | undefined {
    const top = this.#heap[0];
    const last = this.#heap.pop();
    if (top === undefined || last === undefined || this.#heap.length === 0) return top;
    this.#heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.#heap.length && this.#before(l, m)) m = l;
      if (r < this.#heap.length && this.#before(r, m)) m = r;
      if (m === i) return top;
      this.#swap(i, m);
      i = m;
    }
  }

  /** The queued events in processing order, for display. */
  sorted(): Queued<T>[] {
    return [...this.#heap].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  #before(a: number, b: number): boolean {
    const x = this.#heap[a];
    const y = this.#heap[b];
    if (!x || !y) return false;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  #swap(a: number, b: number) {
    const x = this.#heap[a];
    const y = this.#heap[b];
    if (!x || !y) return;
    this.#heap[a] = y;
    this.#heap[b] = x;
  }
}

import { describe, expect, it } from 'vitest';
import { judgeParent, judgeThread } from './anomalies.ts';

const comment = (id: number, parentId: number | null = null) => ({ id, parentId, author: 'x' });
const session = (own: number[], seen: number[]) => ({ own: new Set(own), seen: new Set(seen) });

describe('judging a thread against the session that asked for it', () => {
  it('finds nothing wrong when own and seen comments are there and every reply has its parent', () => {
    expect(judgeThread([comment(101), comment(102), comment(103, 102)], session([102], [101, 103]))).toEqual({
      readYourWrites: false,
      monotonic: false,
      causal: false,
    });
  });

  it('names each guarantee a thread breaks', () => {
    const rows = [comment(101), comment(104, 103)];
    expect(judgeThread(rows, session([102], [101]))).toEqual({ readYourWrites: true, monotonic: false, causal: true });
    expect(judgeThread(rows, session([], [101, 102]))).toEqual({ readYourWrites: false, monotonic: true, causal: true });
  });
});

describe('judging the comment a reply answers', () => {
  it('is a causal violation when it is missing, and more when the session had posted or seen it', () => {
    expect(judgeParent(102, true, session([102], [102]))).toEqual({ readYourWrites: false, monotonic: false, causal: false });
    expect(judgeParent(102, false, session([], []))).toEqual({ readYourWrites: false, monotonic: false, causal: true });
    expect(judgeParent(102, false, session([102], [102]))).toEqual({ readYourWrites: true, monotonic: true, causal: true });
  });
});

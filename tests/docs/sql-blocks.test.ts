import { describe, expect, it } from 'vitest';
import { sqlBlocksIn } from './sql-blocks.ts';

const chapter = [
  '# Title',
  '',
  '```sql lab=demo service=db expect=ok',
  'SELECT 1;',
  '```',
  '',
  '```text',
  '```sql lab=not-a-block service=x expect=ok',
  '```',
  '',
  '1. In a list:',
  '',
  '   ```sql lab=demo service=db expect=23514',
  '   UPDATE t',
  '     SET v = -1;',
  '   ```',
  '',
  '<Solution>',
  '```SQL lab=demo expect=maybe',
  'SELECT 2;',
  '```',
  '</Solution>',
  '',
  '````md',
  '```sql',
  '````',
].join('\n');

describe('sqlBlocksIn', () => {
  const blocks = sqlBlocksIn(chapter, 'chapter.mdx');

  it('finds SQL fences at any indentation and skips fences inside other fences', () => {
    expect(blocks.map((b) => b.line)).toEqual([3, 13, 19]);
  });

  it('reads the meta and removes only the fence indentation', () => {
    expect(blocks[0]).toEqual({
      file: 'chapter.mdx',
      line: 3,
      sql: 'SELECT 1;',
      lab: 'demo',
      service: 'db',
      expect: 'ok',
      problems: [],
    });
    expect(blocks[1]?.sql).toBe('UPDATE t\n  SET v = -1;');
    expect(blocks[1]?.expect).toBe('23514');
  });

  it('reports missing or malformed meta', () => {
    expect(blocks[2]?.problems).toEqual(['missing service=', 'expect=maybe is neither ok nor an error code such as 23514']);
  });
});

import { describe, expect, it } from 'vitest';
import { rehypeFocusableTables } from './rehype-focusable-tables.ts';

describe('focusable Markdown tables', () => {
  it('gives every table, nested ones too, a tab stop and keeps its other properties', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'table', properties: { className: ['wide'] }, children: [] },
        { type: 'element', tagName: 'div', children: [{ type: 'element', tagName: 'table', children: [] }] },
        { type: 'element', tagName: 'p', properties: {}, children: [] },
      ],
    };
    rehypeFocusableTables()(tree);
    expect(tree.children.map((c) => ('properties' in c ? c.properties : undefined))).toEqual([
      { className: ['wide'], tabIndex: 0 },
      undefined,
      {},
    ]);
    expect(tree.children[1]?.children?.[0]).toMatchObject({ properties: { tabIndex: 0 } });
  });
});

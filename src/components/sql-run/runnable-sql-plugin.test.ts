import { describe, expect, it } from 'vitest';
import { markRunnable, type RunnableBlockContext } from './runnable-sql-plugin.ts';

function block(
  language: string,
  meta: Record<string, string>,
  code = 'SELECT 1;',
): RunnableBlockContext & { renderData: { blockAst: { properties?: Record<string, unknown> } } } {
  return {
    codeBlock: { code, language, metaOptions: { getString: (key) => meta[key] } },
    renderData: { blockAst: { properties: { className: ['frame'] } } },
  };
}

describe('the runnable SQL plugin', () => {
  it('marks a SQL block that names its lab and service, keeping what was there', () => {
    const context = block('sql', { lab: 'cqrs-lag', service: 'orders', expect: 'ok' }, 'SELECT *\nFROM outbox;');
    markRunnable(context);
    expect(context.renderData.blockAst.properties).toEqual({
      className: ['frame'],
      'data-sql-lab': 'cqrs-lag',
      'data-sql-service': 'orders',
      'data-sql-code': 'SELECT *\nFROM outbox;',
    });
  });

  it('leaves other blocks alone', () => {
    for (const context of [block('sql', { lab: 'cqrs-lag' }), block('sql', {}), block('ts', { lab: 'cqrs-lag', service: 'orders' })]) {
      markRunnable(context);
      expect(context.renderData.blockAst.properties).toEqual({ className: ['frame'] });
    }
  });
});

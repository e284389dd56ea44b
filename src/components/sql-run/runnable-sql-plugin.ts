/**
 * An Expressive Code plugin that marks a chapter's ```sql lab=… service=… blocks as runnable: the rendered block
 * carries its lab, service and SQL as data attributes, and `mount-runners.ts` gives it a Run button. The meta is
 * the same one the docs tests read (tests/docs/sql-blocks.ts).
 */

/** What the plugin reads of a block and writes to its rendered root: the parts of Expressive Code's context used. */
export interface RunnableBlockContext {
  readonly codeBlock: {
    readonly code: string;
    readonly language: string;
    readonly metaOptions: { getString(key: string): string | undefined };
  };
  readonly renderData: { readonly blockAst: { properties?: Record<string, unknown> } };
}

export const RUNNABLE = { lab: 'data-sql-lab', service: 'data-sql-service', code: 'data-sql-code' } as const;

export function markRunnable({ codeBlock, renderData }: RunnableBlockContext) {
  if (codeBlock.language !== 'sql') return;
  const lab = codeBlock.metaOptions.getString('lab');
  const service = codeBlock.metaOptions.getString('service');
  if (!lab || !service) return;
  renderData.blockAst.properties = {
    ...renderData.blockAst.properties,
    [RUNNABLE.lab]: lab,
    [RUNNABLE.service]: service,
    [RUNNABLE.code]: codeBlock.code,
  };
}

/** The plugin, as Expressive Code's `plugins` option takes it. */
export function pluginRunnableSql() {
  return { name: 'Runnable SQL', hooks: { postprocessRenderedBlock: markRunnable } };
}

/*
 * Everything the console takes from Monaco, in one module that is only ever imported dynamically,
 * so that no page pays for the editor before a console is on screen.
 *
 * Since 0.56 `editor/editor.api` is the bare editor: completion, hover, comments, the context
 * menu and even the codicon font each register themselves when their module is imported.
 * Languages too. The CSS that the modules import is bundled by Vite with this chunk.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
// The package's exports map hides its CSS, hence the path into node_modules.
import editorCssUrl from '../../../../node_modules/monaco-editor/min/vs/editor/editor.main.css?url';
// `editor.worker` is the worker entry (it installs `onmessage`); `editor.worker.start` only exports
// the function that entry calls, so a worker built from it never answers.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/suggest/register';
// 0.57's `features/suggest/register` brings the completion model but not the widget's controller,
// so nothing ever appears on screen; the full `editor.main` imports it directly, and so do we.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/wordOperations/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/languages/definitions/pgsql/register';

self.MonacoEnvironment = { ...self.MonacoEnvironment, getWorker: () => new EditorWorker() };

/**
 * Monaco's stylesheet, linked by hand. The CSS its modules import was dropped from the production
 * build when this chunk is reached through a dynamic import inside an island, and an unstyled editor
 * measures its lines wrong, so the editor is created only once the sheet has loaded.
 */
function loadStylesheet(href: string): Promise<void> {
  const existing = document.querySelector<HTMLLinkElement>(`link[data-monaco-css]`);
  if (existing) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset['monacoCss'] = '';
    // On error the editor still works, only unstyled; the textarea fallback stays until then.
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
}

await loadStylesheet(editorCssUrl);

export { monaco };
export type MonacoApi = typeof monaco;

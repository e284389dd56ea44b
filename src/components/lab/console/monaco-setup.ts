/*
 * Everything the console takes from Monaco, in one module that is only ever imported dynamically,
 * so that no page pays for the editor before a console is on screen.
 *
 * Since 0.56 `editor/editor.api` is the bare editor: completion, hover, comments, the context
 * menu and even the codicon font each register themselves when their module is imported.
 * Languages too. The CSS that the modules import is bundled by Vite with this chunk.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
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

export { monaco };
export type MonacoApi = typeof monaco;

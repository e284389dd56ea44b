/**
 * Starlight lets a wide Markdown table scroll sideways (`display: block; overflow: auto`), which on a phone
 * most of them do. A region that scrolls must be reachable from the keyboard, so every table in a chapter's
 * Markdown gets a tab stop: a keyboard reader can focus it and scroll it with the arrow keys. (Astro 7's
 * Markdown processor runs no rehype plugins, so this is done on the page.)
 */
export function makeTablesFocusable(root: ParentNode = document) {
  for (const table of root.querySelectorAll<HTMLTableElement>('.sl-markdown-content table:not([tabindex])')) table.tabIndex = 0;
}

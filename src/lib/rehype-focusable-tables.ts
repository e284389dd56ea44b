/**
 * Starlight lets a wide Markdown table scroll sideways (`display: block; overflow: auto`), which on a phone
 * most of them do. A region that scrolls must be reachable from the keyboard, so every table in a chapter's
 * Markdown gets `tabindex="0"`: a keyboard reader can focus it and scroll it with the arrow keys.
 */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function makeTablesFocusable(node: HastNode) {
  if (node.type === 'element' && node.tagName === 'table') node.properties = { ...node.properties, tabIndex: 0 };
  for (const child of node.children ?? []) makeTablesFocusable(child);
}

export function rehypeFocusableTables() {
  return (tree: HastNode) => makeTablesFocusable(tree);
}

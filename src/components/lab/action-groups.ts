/**
 * Lays out a lab's actions for the reader. Labs name a choice between settings as "Subject: option"
 * ("Shard key: customer (hashed)", "Shard key: region (ranges)"); two or more such actions in a row with the
 * same subject are shown as one labelled row of short buttons, so that a lab with a dozen actions does not
 * become a dozen full-width lines on a phone. Each button keeps the whole label as its accessible name.
 */
import type { ActionDefinition } from '../../labs/sim/types.ts';

export interface ActionItem {
  readonly action: ActionDefinition;
  /** What the button shows: the option alone inside a group, the whole label otherwise. */
  readonly text: string;
}

export type ActionEntry =
  | { readonly kind: 'single'; readonly item: ActionItem }
  | { readonly kind: 'group'; readonly subject: string; readonly items: readonly ActionItem[] };

const SUBJECT = /^([^:]{1,40}):\s+(\S.*)$/;

function split(label: string): { subject: string; option: string } | undefined {
  const match = SUBJECT.exec(label);
  return match?.[1] && match[2] ? { subject: match[1], option: match[2] } : undefined;
}

export function groupActions(actions: readonly ActionDefinition[]): ActionEntry[] {
  const entries: ActionEntry[] = [];
  let i = 0;
  while (i < actions.length) {
    const first = actions[i];
    if (!first) break;
    const head = split(first.label);
    let end = i + 1;
    while (head && end < actions.length && split(actions[end]?.label ?? '')?.subject === head.subject) end += 1;
    if (head && end - i >= 2) {
      const items = actions.slice(i, end).map((action) => ({ action, text: split(action.label)?.option ?? action.label }));
      entries.push({ kind: 'group', subject: head.subject, items });
    } else {
      entries.push({ kind: 'single', item: { action: first, text: first.label } });
      end = i + 1;
    }
    i = end;
  }
  return entries;
}

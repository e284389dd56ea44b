/**
 * Every lab is a folder with a `lab.ts` whose default export is its definition. This finds them, so
 * adding a lab needs no edit here, and a page loads only the lab it shows.
 */
import type { LabDefinition } from './sim/types.ts';

const modules = import.meta.glob<{ default: LabDefinition }>('./*/lab.ts');

export const labIds: readonly string[] = Object.keys(modules).map((path) => path.split('/')[1] ?? path);

export async function loadLab(id: string): Promise<LabDefinition> {
  const load = modules[`./${id}/lab.ts`];
  if (!load) throw new Error(`No lab "${id}". Labs: ${labIds.join(', ')}.`);
  return (await load()).default;
}

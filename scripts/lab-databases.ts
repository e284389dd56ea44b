/**
 * Every lab's service databases, loaded eagerly. Only Vite can load this (labs import their SQL with `?raw`);
 * scripts/build-snapshots.ts imports it through Vite's module runner.
 */
import type { ServiceDatabaseSpec } from '../src/labs/engine/types.ts';
import type { LabDefinition } from '../src/labs/sim/types.ts';

const labs = import.meta.glob<{ default: LabDefinition }>('../src/labs/*/lab.ts', { eager: true });

export const labDatabases: readonly { readonly name: string; readonly spec: ServiceDatabaseSpec }[] = Object.values(labs).flatMap(
  ({ default: lab }) => lab.services.flatMap((s) => (s.database ? [{ name: `${lab.id}/${s.name}`, spec: s.database }] : [])),
);

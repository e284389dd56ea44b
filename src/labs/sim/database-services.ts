import type { ServiceDatabaseSpec } from '../engine/types.ts';
import type { LabDefinition, ServiceName } from './types.ts';

export interface DatabaseService {
  readonly name: ServiceName;
  readonly label: string;
  readonly spec: ServiceDatabaseSpec;
}

/** The services that keep a database of their own: the ones a host must open a database for. */
export function databaseServices(lab: LabDefinition): DatabaseService[] {
  return lab.services.flatMap((s) => (s.database ? [{ name: s.name, label: s.label, spec: s.database }] : []));
}

/**
 * The four ways this lab resolves the jointly written `tickets` table, as data: where each technique keeps
 * the ticket data, which service handles which request, and which database role each service connects as.
 * Everything else (the SQL, the measures, the audit) reads from here.
 */
export type TechniqueId = 'split' | 'domain' | 'delegate' | 'merged';

export const TECHNIQUES: readonly TechniqueId[] = ['split', 'domain', 'delegate', 'merged'];

export const TICKET = 'ticket';
export const ASSIGNMENT = 'assignment';
export const TICKET_MANAGEMENT = 'ticket-management';
export const TICKET_DB = 'ticket-db';
export const SPLIT_DB = 'split-db';
export const CLIENT = 'client';

export type AppService = typeof TICKET | typeof ASSIGNMENT | typeof TICKET_MANAGEMENT;
export const APP_SERVICES: readonly AppService[] = [TICKET, ASSIGNMENT, TICKET_MANAGEMENT];

export function isAppService(name: string): name is AppService {
  return (APP_SERVICES as readonly string[]).includes(name);
}
export const DATA_SERVICES = [SPLIT_DB, TICKET_DB] as const;
export type DataService = (typeof DATA_SERVICES)[number];

export interface Technique {
  readonly id: TechniqueId;
  readonly label: string;
  /** The database service that holds this technique's ticket data. */
  readonly database: DataService;
  /** Schema prefix for table names; empty where the technique has the database's public schema to itself. */
  readonly schema: string;
  /** Tables holding the ticket data and the write logs, with the service that may write each. */
  readonly tables: readonly { readonly table: string; readonly writers: readonly AppService[] }[];
  /** Under delegate, the service that asks the owner to write for it: [asker, owner]. */
  readonly delegation?: readonly [AppService, AppService];
}

export const TECHNIQUE: Readonly<Record<TechniqueId, Technique>> = {
  split: {
    id: 'split',
    label: 'Table split',
    database: SPLIT_DB,
    schema: '',
    tables: [
      { table: 'tickets', writers: [TICKET] },
      { table: 'ticket_assignments', writers: [ASSIGNMENT] },
    ],
  },
  domain: {
    id: 'domain',
    label: 'Data domain',
    database: TICKET_DB,
    schema: 'domain',
    tables: [{ table: 'tickets', writers: [TICKET, ASSIGNMENT] }],
  },
  delegate: {
    id: 'delegate',
    label: 'Delegate',
    database: TICKET_DB,
    schema: 'delegate',
    tables: [{ table: 'tickets', writers: [TICKET] }],
    delegation: [ASSIGNMENT, TICKET],
  },
  merged: {
    id: 'merged',
    label: 'Service consolidation',
    database: TICKET_DB,
    schema: 'merged',
    tables: [{ table: 'tickets', writers: [TICKET_MANAGEMENT] }],
  },
};

/** The database role each service connects as: grants, not the lab's code, decide what it may write. */
export const ROLE: Readonly<Record<AppService, string>> = {
  [TICKET]: 'ticket_svc',
  [ASSIGNMENT]: 'assignment_svc',
  [TICKET_MANAGEMENT]: 'ticket_mgmt_svc',
};

/** A table name as a technique's SQL writes it. */
export function qualified(technique: TechniqueId, table: string): string {
  const { schema } = TECHNIQUE[technique];
  return schema === '' ? table : `${schema}.${table}`;
}

/** The log a service's writes go to under a technique: one per slice after a split, one shared otherwise. */
export function logTable(technique: TechniqueId, service: AppService): string {
  if (technique !== 'split') return qualified(technique, 'write_log');
  return service === ASSIGNMENT ? 'assignment_log' : 'ticket_log';
}

/** Columns of the ticket data a schema change might touch; the shared key is reported apart. */
export const TICKET_COLUMNS = ['customer_id', 'description', 'priority', 'status', 'expert_id', 'scheduled_for'] as const;
export type TicketColumn = (typeof TICKET_COLUMNS)[number];
/** Who writes which column, as the lab's story has it. */
export const TICKET_SIDE: readonly TicketColumn[] = ['customer_id', 'description', 'priority', 'status'];
export const ASSIGNMENT_SIDE: readonly TicketColumn[] = ['expert_id', 'scheduled_for'];

/** The columns each table of a technique holds besides its key. */
export function columnsOf(technique: TechniqueId, table: string): readonly TicketColumn[] {
  if (technique !== 'split') return TICKET_COLUMNS;
  return table === 'ticket_assignments' ? ASSIGNMENT_SIDE : TICKET_SIDE;
}

export const SERVICE_LABEL: Readonly<Record<AppService, string>> = {
  [TICKET]: 'Ticket',
  [ASSIGNMENT]: 'Assignment',
  [TICKET_MANAGEMENT]: 'Ticket management',
};

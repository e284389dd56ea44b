/** Names for the Postgres type OIDs a reader meets in these labs; others show as `oid:NNN`. */
const NAMES: Readonly<Record<number, string>> = {
  16: 'bool',
  17: 'bytea',
  18: 'char',
  19: 'name',
  20: 'int8',
  21: 'int2',
  23: 'int4',
  25: 'text',
  26: 'oid',
  28: 'xid',
  114: 'json',
  700: 'float4',
  701: 'float8',
  1042: 'bpchar',
  1043: 'varchar',
  1082: 'date',
  1114: 'timestamp',
  1184: 'timestamptz',
  1700: 'numeric',
  2950: 'uuid',
  2278: 'void',
  3802: 'jsonb',
};

export function postgresTypeName(oid: number): string {
  return NAMES[oid] ?? `oid:${oid}`;
}

const OIDS = new Map(Object.entries(NAMES).map(([oid, name]) => [name, Number(oid)]));

/** The OID back from a name `postgresTypeName` gave; text's for a type it does not know. */
export function postgresTypeOid(name: string): number {
  return OIDS.get(name) ?? Number(/^oid:(\d+)$/.exec(name)?.[1] ?? 25);
}

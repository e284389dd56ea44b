/**
 * What must hold, read from the domains' databases: the consumer role can read products and nothing else;
 * every served version still has the columns and types its contract promises; and no product column that
 * the federated policy calls personal is left unmasked. The queries are the platform's own (catalog-sql.ts).
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { contractBreachesSql, POLICY_SQL, RELATIONS_SQL } from './catalog-sql.ts';
import { DOMAINS, type MeshLab } from './messages.ts';

const onlyProducts: InvariantSpec<MeshLab> = {
  id: 'consumer-reads-only-products',
  label: 'The consumer’s role may read the domains’ products and none of their own tables',
  async check(dbs) {
    const rows = [];
    for (const d of DOMAINS)
      for (const r of await select(requireDb(dbs, d), RELATIONS_SQL))
        if (r['granted'] === true && r['product'] !== true) rows.push({ domain: d, relation: r['relation'] });
    if (rows.length === 0) return { status: 'holds', summary: 'In both domains, marketing is granted product tables only.' };
    return {
      status: 'broken',
      summary: `marketing may read ${rows.map((r) => String(r.relation)).join(', ')}: a domain’s own table.`,
      rows,
    };
  },
};

const contractsKept: InvariantSpec<MeshLab> = {
  id: 'served-versions-keep-their-contracts',
  label: 'Every served version has the columns and types its contract promises',
  async check(dbs) {
    const rows: Record<string, unknown>[] = [];
    for (const d of DOMAINS) for (const r of await select(requireDb(dbs, d), contractBreachesSql())) rows.push({ domain: d, ...r });
    if (rows.length === 0) return { status: 'holds', summary: 'Every served version matches its contract.' };
    return {
      status: 'broken',
      summary: `${rows.length} promised column${rows.length === 1 ? '' : 's'} changed under consumers: ${rows.map((r) => `${String(r['product_table'])}.${String(r['column_name'])}`).join(', ')}.`,
      rows,
    };
  },
};

const personalMasked: InvariantSpec<MeshLab> = {
  id: 'personal-data-masked',
  label: 'No product, in any domain, has a personal column that is not masked',
  async check(dbs) {
    const rows: Record<string, unknown>[] = [];
    for (const d of DOMAINS) for (const r of await select(requireDb(dbs, d), POLICY_SQL)) rows.push({ domain: d, ...r });
    if (rows.length === 0) return { status: 'holds', summary: 'Every personal column of every product is mesh.masked_text.' };
    return {
      status: 'broken',
      summary: `Unmasked personal data in ${rows.map((r) => `${String(r['table_name'])}.${String(r['column_name'])}`).join(', ')}.`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<MeshLab>[] = [onlyProducts, contractsKept, personalMasked];

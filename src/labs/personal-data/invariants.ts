/** What must hold: who may read what, that erasure reaches every copy it can, and that the catalog knows every copy. */
import { requireDb } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import { knownCustomers, stillReadable, undeclaredCopies } from './audit.ts';
import type { PersonalData } from './messages.ts';
import { overreach, probeAll } from './probe.ts';
import { SUPPORT_ROLES } from './settings.ts';

const grantsHold: InvariantSpec<PersonalData> = {
  id: 'grants-hold',
  label: 'Probed as each role, no role reads a column it was not meant to, and each support role sees its own region only',
  async check(dbs) {
    const db = requireDb(dbs, 'customers');
    const probes = await probeAll((sql) => db.query(sql));
    const rows = [
      ...overreach(probes).map((p) => ({ role: p.role, read: `${p.relation}.${p.column}`, why: 'not in its grant' })),
      ...probes
        .filter((p) => p.relation === 'customers' && p.column === 'region' && p.outcome === 'read')
        .flatMap((p) =>
          p.values
            .filter((v) => v !== SUPPORT_ROLES[p.role])
            .map((v) => ({ role: p.role, read: `a customer in ${v}`, why: 'another region' })),
        )
        .slice(0, 5),
    ];
    if (rows.length === 0) return { status: 'holds', summary: 'Every probe answered as the grants and policies intend.' };
    return { status: 'broken', summary: `${rows.length} probe${rows.length === 1 ? '' : 's'} read more than meant.`, rows };
  },
};

const erasureReachesCopies: InvariantSpec<PersonalData> = {
  id: 'erasure-reaches-copies',
  label:
    'Once an erasure is confirmed (or nothing is in flight), no copy holds the customer’s details in clear and no key opens a sealed copy',
  async check(dbs, quiet) {
    const erased = (await knownCustomers(dbs)).filter((c) => c.erasure !== undefined);
    const rows = [];
    let waiting = 0;
    for (const c of erased) {
      if (!c.erasure?.complete && !quiet) {
        waiting++;
        continue;
      }
      const places = await stillReadable(dbs, c);
      if (places.length > 0) rows.push({ customer: c.customerId, 'still readable in': places.join(', ') });
    }
    if (rows.length > 0)
      return { status: 'broken', summary: `${rows.length} erased customer${rows.length === 1 ? ' is' : 's are'} still readable.`, rows };
    if (waiting > 0)
      return { status: 'pending', summary: `${waiting} erasure${waiting === 1 ? ' is' : 's are'} still collecting confirmations.` };
    return {
      status: 'holds',
      summary: erased.length === 0 ? 'No erasure asked for yet.' : `${erased.length} erased; none readable anywhere it could reach.`,
    };
  },
};

const catalogKnowsEveryCopy: InvariantSpec<PersonalData> = {
  id: 'catalog-knows-every-copy',
  label: 'Every table that holds customers’ contact details is in the data catalog',
  async check(dbs) {
    const undeclared = await undeclaredCopies(dbs);
    if (undeclared.length === 0) return { status: 'holds', summary: 'The scan found contact details only in catalogued tables.' };
    return {
      status: 'broken',
      summary: `The scan found contact details in ${undeclared.join(', ')}, which no catalog entry lists: no erasure will go there.`,
      rows: undeclared.map((t) => ({ table: t })),
    };
  },
};

export const invariants: readonly InvariantSpec<PersonalData>[] = [grantsHold, erasureReachesCopies, catalogKnowsEveryCopy];

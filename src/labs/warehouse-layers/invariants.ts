/**
 * What must hold after every model run, read from the warehouse's own tables: silver accounts for each event
 * bronze held at the run exactly once; the type 2 dimension is a well-formed history of silver's versions;
 * the fact table holds exactly silver's tickets, each pointing at the customer version in force when it was
 * opened.
 */
import { requireDb, select } from '../check/select.ts';
import type { InvariantSpec } from '../kit/define-lab.ts';
import type { WarehouseLab } from './messages.ts';

const LAST_RUN = 'SELECT run, loaded_upto FROM meta.runs ORDER BY run DESC LIMIT 1';

const silverOnce: InvariantSpec<WarehouseLab> = {
  id: 'silver-accounts-for-bronze',
  label: 'Each ticket event bronze held at the last run is in silver.tickets or silver.rejected, exactly once',
  async check(dbs) {
    const warehouse = requireDb(dbs, 'warehouse');
    const [last] = await select(warehouse, LAST_RUN);
    if (!last) return { status: 'holds', summary: 'No model run yet.' };
    const rows = await select(
      warehouse,
      `WITH events AS (SELECT DISTINCT seq FROM bronze.change_events WHERE entity = 'ticket' AND load_id <= ${Number(last['loaded_upto'])}),
kept AS (SELECT seq FROM silver.tickets UNION ALL SELECT DISTINCT seq FROM silver.rejected)
SELECT coalesce(e.seq, k.seq) AS seq, count(k.seq)::int AS times_in_silver FROM events e FULL JOIN kept k ON k.seq = e.seq
GROUP BY 1, e.seq HAVING count(k.seq) <> 1 OR e.seq IS NULL ORDER BY 1 LIMIT 20`,
    );
    if (rows.length === 0) return { status: 'holds', summary: `Run ${Number(last['run'])}: every ticket event is in silver once.` };
    return {
      status: 'broken',
      summary: `Run ${Number(last['run'])}: ${rows.length} ticket event${rows.length === 1 ? '' : 's'} missing from silver or kept more than once.`,
      rows,
    };
  },
};

const scd2WellFormed: InvariantSpec<WarehouseLab> = {
  id: 'dim-customer-is-a-history',
  label: 'gold.dim_customer holds every version in silver, each valid until the next one, one current per customer',
  async check(dbs) {
    const warehouse = requireDb(dbs, 'warehouse');
    const [last] = await select(warehouse, LAST_RUN);
    if (!last) return { status: 'holds', summary: 'No model run yet.' };
    const rows = await select(
      warehouse,
      `WITH expected AS (
  SELECT customer_id, plan, valid_from, lead(valid_from) OVER (PARTITION BY customer_id ORDER BY valid_from, seq) AS valid_to
  FROM (SELECT DISTINCT ON (seq) * FROM silver.customer_versions ORDER BY seq) v
)
SELECT coalesce(e.customer_id, d.customer_id) AS customer, coalesce(e.valid_from, d.valid_from) AS valid_from,
  e.plan AS silver_plan, d.plan AS dim_plan, e.valid_to AS expected_to, d.valid_to AS dim_to
FROM expected e FULL JOIN gold.dim_customer d ON d.customer_id = e.customer_id AND d.valid_from = e.valid_from
WHERE e.customer_id IS NULL OR d.customer_id IS NULL OR e.plan <> d.plan OR e.valid_to IS DISTINCT FROM d.valid_to
   OR d.is_current <> (d.valid_to IS NULL)
ORDER BY 1, 2 LIMIT 20`,
    );
    if (rows.length === 0) return { status: 'holds', summary: 'Every customer’s versions are one unbroken history, as silver has them.' };
    return {
      status: 'broken',
      summary: `${rows.length} version${rows.length === 1 ? '' : 's'} of gold.dim_customer differ from silver.`,
      rows,
    };
  },
};

const factsMatch: InvariantSpec<WarehouseLab> = {
  id: 'facts-match-silver',
  label: 'gold.fct_tickets holds exactly silver’s tickets, each joined to the customer version in force when it was opened',
  async check(dbs) {
    const warehouse = requireDb(dbs, 'warehouse');
    const [last] = await select(warehouse, LAST_RUN);
    if (!last) return { status: 'holds', summary: 'No model run yet.' };
    const rows = await select(
      warehouse,
      `SELECT coalesce(t.ticket_id, f.ticket_id) AS ticket, t.opened_at, d.plan AS fact_plan, d.valid_from, d.valid_to,
  CASE WHEN t.ticket_id IS NULL THEN 'not in silver' WHEN f.ticket_id IS NULL THEN 'no fact row' ELSE 'wrong customer version' END AS problem
FROM silver.tickets t FULL JOIN gold.fct_tickets f ON f.ticket_id = t.ticket_id
LEFT JOIN gold.dim_customer d ON d.customer_key = f.customer_key
WHERE t.ticket_id IS NULL OR f.ticket_id IS NULL OR d.customer_key IS NULL OR d.customer_id <> t.customer_id
   OR t.opened_at < d.valid_from OR t.opened_at >= coalesce(d.valid_to, 9223372036854775807)
ORDER BY 1 LIMIT 20`,
    );
    if (rows.length === 0)
      return { status: 'holds', summary: 'Every silver ticket has its fact row, joined to the right customer version.' };
    return {
      status: 'broken',
      summary: `${rows.length} ticket${rows.length === 1 ? '' : 's'} of gold.fct_tickets disagree with silver.`,
      rows,
    };
  },
};

export const invariants: readonly InvariantSpec<WarehouseLab>[] = [silverOnce, scd2WellFormed, factsMatch];

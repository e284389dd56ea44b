/**
 * The platform team's service: it turns contract tests on or off in every domain's pipeline, reads every
 * domain's catalog on a schedule, measures each product's freshness against its objective, runs the
 * federated policy check and keeps what it finds in its own catalog (SQLite). It owns no domain's data.
 */
import type { LabContext, ServiceSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText, transaction } from '../kit/service-sql.ts';
import { DOMAINS, type MeshLab } from './messages.ts';
import platformSql from './platform.sql?raw';
import { PLATFORM_CHECK_EVERY_MS } from './settings.ts';

interface PlatformState {
  until: number;
  checking: boolean;
  /** Findings already told in the timeline, so that each is told once. */
  told: string[];
}

type Ctx = LabContext<MeshLab, 'platform', PlatformState>;

const nullable = (n: number | null) => (n === null ? 'NULL' : sqlInt(n));

export const platform: ServiceSpec<MeshLab, 'platform', PlatformState> = {
  label: 'Data platform (SQLite)',
  role: `Sets the domains’ contract tests; every ${PLATFORM_CHECK_EVERY_MS} ms reads each catalog, measures freshness against each objective and checks the personal-data policy`,
  database: { kind: 'sqlite', setupSql: platformSql },
  tables: [
    {
      title: 'catalog: freshness against the objective',
      sql: "SELECT domain, version, owner, slo_ms, staleness_ms, CASE WHEN staleness_ms > slo_ms THEN 'over' ELSE 'ok' END AS slo FROM catalog ORDER BY domain, version",
    },
    {
      title: 'policy findings: personal data unmasked',
      sql: 'SELECT domain, tbl, column_name, type, first_seen FROM policy_findings ORDER BY first_seen',
    },
    { title: 'probe as marketing', sql: 'SELECT domain, relation, kind, outcome, code FROM probe_results ORDER BY domain, kind, relation' },
  ],
  initialState: () => ({ until: 0, checking: false, told: [] }),
  on: {
    'run-until'(ctx, m) {
      ctx.state.until = Math.max(ctx.state.until, m.until);
      if (ctx.state.checking) return;
      ctx.state.checking = true;
      ctx.setTimer(PLATFORM_CHECK_EVERY_MS, { type: 'check' });
    },
    check(ctx) {
      for (const d of DOMAINS) ctx.send(d, { type: 'inspect' });
      if (ctx.now + PLATFORM_CHECK_EVERY_MS <= ctx.state.until) ctx.setTimer(PLATFORM_CHECK_EVERY_MS, { type: 'check' });
      else ctx.state.checking = false;
    },
    'contract-tests'(ctx, m) {
      for (const d of DOMAINS) ctx.send(d, { type: 'contract-tests', on: m.on });
      ctx.note(`contract tests ${m.on ? 'on' : 'off'} in every domain’s deploy pipeline`);
    },
    probe(ctx) {
      for (const d of DOMAINS) ctx.send(d, { type: 'probe' });
    },
    async catalog(ctx: Ctx, m) {
      const rows = m.entries.map((e) => {
        const staleness = e.publishedAt === null ? null : ctx.now - e.publishedAt;
        if (staleness !== null) ctx.fact({ kind: 'freshness', domain: m.domain, table: e.table, stalenessMs: staleness, sloMs: e.sloMs });
        return `(${sqlText(m.domain)}, ${sqlText(e.table)}, ${sqlText(e.owner)}, ${sqlInt(e.sloMs)}, ${nullable(e.publishedAt)}, ${nullable(staleness)}, ${sqlInt(ctx.now)})`;
      });
      const findings = m.findings.map(
        (f) => `(${sqlText(m.domain)}, ${sqlText(f.table)}, ${sqlText(f.column)}, ${sqlText(f.type)}, ${sqlInt(ctx.now)})`,
      );
      await ctx.sql(
        transaction([
          `DELETE FROM catalog WHERE domain = ${sqlText(m.domain)}`,
          ...(rows.length > 0 ? [`INSERT INTO catalog VALUES ${rows.join(', ')}`] : []),
          ...(findings.length > 0 ? [`INSERT OR IGNORE INTO policy_findings VALUES ${findings.join(', ')}`] : []),
        ]),
      );
      if (m.findings.length > 0) {
        ctx.fact({ kind: 'policy', domain: m.domain, findings: m.findings });
        const news = m.findings.filter((f) => !ctx.state.told.includes(`${f.table}.${f.column}`));
        ctx.state.told.push(...news.map((f) => `${f.table}.${f.column}`));
        if (news.length > 0)
          ctx.note(`policy check in ${m.domain}: ${news.map((f) => `${f.table}.${f.column} is ${f.type}, not masked_text`).join('; ')}`);
      }
    },
    async probed(ctx, m) {
      ctx.fact({ kind: 'probe', domain: m.domain, rows: m.rows });
      const values = m.rows.map(
        (r) => `(${sqlText(m.domain)}, ${sqlText(r.relation)}, ${sqlText(r.kind)}, ${sqlText(r.outcome)}, ${sqlText(r.code)})`,
      );
      await ctx.sql(
        transaction([
          `DELETE FROM probe_results WHERE domain = ${sqlText(m.domain)}`,
          ...(values.length > 0 ? [`INSERT INTO probe_results VALUES ${values.join(', ')}`] : []),
        ]),
      );
      const read = m.rows.filter((r) => r.kind === 'internal' && r.outcome === 'read');
      ctx.note(
        `probe as marketing in ${m.domain}: ${m.rows.filter((r) => r.outcome === 'read').length} of ${m.rows.length} relations readable; ${read.length === 0 ? 'no internal table' : `internal: ${read.map((r) => r.relation).join(', ')}`}`,
      );
    },
  },
};

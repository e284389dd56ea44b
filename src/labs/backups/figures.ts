/** The figures behind the measures and the chapter's table, computed from the facts the services recorded. */
import type { RecordedFact } from '../kit/define-lab.ts';
import type { BackupsFact, Repair, RestoreMode } from './messages.ts';

type Facts = readonly RecordedFact<BackupsFact>[];

export interface LossFigures {
  readonly mode: RestoreMode;
  /** When the damage came (or, without any, when the restore began). */
  readonly failureAt: number;
  /** Orders committed before the failure. */
  readonly committed: number;
  /** Of those, the ones the restored table lacks or holds with another total. */
  readonly lost: number;
  /** How long before the failure the oldest lost order was committed: the data loss window, the RPO reached. */
  readonly lostWindowMs: number;
  /** How old the dump was at the failure. */
  readonly dumpAgeMs: number;
  readonly replayed: number;
  readonly bytes: number;
  readonly transferMs: number;
}

/** What the last restore lost, compared with what orders had committed before the failure. */
export function lossFigures(facts: Facts): LossFigures | null {
  const restoredAt = facts.findLastIndex((f) => f.fact.kind === 'restored');
  const restored = facts[restoredAt];
  if (restored?.fact.kind !== 'restored') return null;
  const damage = facts.slice(0, restoredAt).findLast((f) => f.fact.kind === 'damaged');
  const failureAt = damage?.at ?? restored.at;
  const now = new Map(restored.fact.rows.map(([id, total]) => [id, total]));
  const committed = facts.flatMap((f) => (f.fact.kind === 'placed' && f.at < failureAt ? [{ ...f.fact, at: f.at }] : []));
  const lost = committed.filter((c) => now.get(c.id) !== c.total);
  return {
    mode: restored.fact.mode,
    failureAt,
    committed: committed.length,
    lost: lost.length,
    lostWindowMs: lost.length === 0 ? 0 : failureAt - Math.min(...lost.map((l) => l.at)),
    dumpAgeMs: failureAt - restored.fact.dumpTakenAt,
    replayed: restored.fact.replayed,
    bytes: restored.fact.bytes,
    transferMs: restored.fact.transferMs,
  };
}

export interface StoreFigures {
  readonly dumps: number;
  readonly dumpBytes: number;
  readonly shipments: number;
  readonly shippedBytes: number;
  /** Dumps the job called a success that hold fewer rows than the source sent. */
  readonly silentFailures: number;
  readonly drills: number;
  readonly drillsFailed: number;
}

export function storeFigures(facts: Facts): StoreFigures {
  let [dumps, dumpBytes, shipments, shippedBytes, silentFailures, drills, drillsFailed] = [0, 0, 0, 0, 0, 0, 0];
  for (const { fact } of facts) {
    if (fact.kind === 'dumped') {
      dumps++;
      dumpBytes += fact.bytes;
      if (fact.stored < fact.rows) silentFailures++;
    } else if (fact.kind === 'shipped') {
      shipments++;
      shippedBytes += fact.bytes;
    } else if (fact.kind === 'drilled') {
      drills++;
      if (fact.restored !== fact.expected) drillsFailed++;
    }
  }
  return { dumps, dumpBytes, shipments, shippedBytes, silentFailures, drills, drillsFailed };
}

export interface ConsistencyFigures {
  /** Orphan payments at each cross-service check, in order. */
  readonly checks: readonly { readonly at: number; readonly orphans: number; readonly payments: number }[];
  readonly repairs: readonly {
    readonly repair: Repair;
    readonly recreated: number;
    readonly withoutAddress: number;
    readonly voided: number;
  }[];
}

export function consistencyFigures(facts: Facts): ConsistencyFigures {
  return {
    checks: facts.flatMap((f) =>
      f.fact.kind === 'cross-checked' ? [{ at: f.at, orphans: f.fact.orphans, payments: f.fact.payments }] : [],
    ),
    repairs: facts.flatMap((f) =>
      f.fact.kind === 'repaired'
        ? [{ repair: f.fact.repair, recreated: f.fact.recreated, withoutAddress: f.fact.withoutAddress, voided: f.fact.voided }]
        : [],
    ),
  };
}

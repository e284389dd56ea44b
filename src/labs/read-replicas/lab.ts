/**
 * The read-replicas lab: a comment thread on a leader and two followers (Postgres each) fed by a change log,
 * a router (SQLite) whose routing policy is the consistency guarantee under test, and three people's browsers.
 */
import { defineLab, type ActionSpec } from '../kit/define-lab.ts';
import { sqlInt, sqlText } from '../kit/service-sql.ts';
import type { LabDefinition } from '../sim/types.ts';
import { browsers } from './browsers.ts';
import { exercises } from './exercises.ts';
import { faults } from './faults.ts';
import { follower } from './follower.ts';
import followerSql from './follower.sql?raw';
import { invariants } from './invariants.ts';
import { leader } from './leader.ts';
import leaderSql from './leader.sql?raw';
import { measures } from './measures.ts';
import { POLICIES, type ReadReplicas } from './messages.ts';
import type { ReplayOrder } from './replay-plan.ts';
import { router, type Stickiness } from './router.ts';
import routerSql from './router.sql?raw';
import { FIRST_COMMENT, FOLLOWERS, LAG_BOUND_MS, WORKLOAD_SIZE } from './settings.ts';

const first = FIRST_COMMENT;
const firstRow = `${sqlInt(first.id)}, NULL, ${sqlText(first.author)}, ${sqlText(first.body)}, 0`;

// Every database starts with the first comment at position 1, as replicas cloned from the leader's backup do.
const leaderSetup = `${leaderSql}
INSERT INTO comments (id, parent_id, author, body, posted_at) VALUES (${firstRow});
INSERT INTO change_log (lsn, comment_id, parent_id, author, body, posted_at) VALUES (${sqlInt(first.lsn)}, ${firstRow});
INSERT INTO replicas (follower, received_lsn, replayed_lsn, reported_at) VALUES ${FOLLOWERS.map((f) => `(${sqlText(f)}, ${first.lsn}, ${first.lsn}, 0)`).join(', ')};`;

const followerSetup = `${followerSql}
INSERT INTO comments (id, parent_id, author, body, posted_at) VALUES (${firstRow});
INSERT INTO received_log (lsn, comment_id, parent_id, author, body, posted_at, received_at) VALUES (${sqlInt(first.lsn)}, ${firstRow}, 0);
INSERT INTO replication (received_lsn, replayed_lsn, replayed_at) VALUES (${first.lsn}, ${first.lsn}, 0);
INSERT INTO replay_history (lsn, replayed_at) VALUES (${first.lsn}, 0);`;

const routerSetup = `${routerSql}
INSERT INTO settings (id, policy, lag_bound_ms) VALUES (1, 'any', ${sqlInt(LAG_BOUND_MS)});`;

const POLICY_BUTTONS: Readonly<Record<(typeof POLICIES)[number], string>> = {
  any: 'Reads: any follower',
  bounded: `Reads: any follower, refuse past ${LAG_BOUND_MS / 1000} s of lag`,
  sticky: 'Reads: sticky session',
  token: 'Reads: wait for my position',
  leader: 'Reads: leader only',
};

export const policyAction = (policy: (typeof POLICIES)[number]) => `policy-${policy}`;

const actions: readonly ActionSpec<ReadReplicas>[] = [
  { id: 'alice-posts', label: 'Alice posts a comment', service: 'browsers', message: { type: 'post', user: 'alice' } },
  { id: 'bob-replies', label: 'Bob replies to the newest comment', service: 'browsers', message: { type: 'reply', user: 'bob' } },
  {
    id: 'carol-reloads',
    label: 'Carol reloads the thread 3 times',
    service: 'browsers',
    message: { type: 'reload', user: 'carol', times: 3 },
  },
  {
    id: 'carol-opens-reply',
    label: 'Carol opens the newest reply and the comment it answers',
    service: 'browsers',
    message: { type: 'open-newest-reply', user: 'carol' },
  },
  {
    id: 'run-workload',
    label: `Run the workload (${WORKLOAD_SIZE} scenarios)`,
    service: 'browsers',
    message: { type: 'workload', size: WORKLOAD_SIZE },
  },
  ...POLICIES.map((policy) => ({
    id: policyAction(policy),
    label: POLICY_BUTTONS[policy],
    service: 'router' as const,
    message: { type: 'set-policy' as const, policy },
  })),
];

/** The deliberately broken variants, for the property tests; the lab a reader sees uses neither. */
export interface Variants {
  readonly replay: ReplayOrder;
  readonly stickiness: Stickiness;
}

export function readReplicasLab(variants: Partial<Variants> = {}): LabDefinition {
  const { replay, stickiness } = { replay: 'in-order', stickiness: 'kept', ...variants } satisfies Variants;
  const followerDb = { kind: 'postgres' as const, setupSql: followerSetup };
  return defineLab<ReadReplicas>({
    id: 'read-replicas',
    title: 'A comment thread on a leader and two followers',
    services: {
      browsers,
      router: router(stickiness, { kind: 'sqlite', setupSql: routerSetup }),
      leader: leader({ kind: 'postgres', setupSql: leaderSetup }),
      'follower-1': follower('follower-1', replay, followerDb),
      'follower-2': follower('follower-2', replay, followerDb),
    },
    faults,
    invariants,
    measures,
    actions,
    exercises,
  });
}

export default readReplicasLab();

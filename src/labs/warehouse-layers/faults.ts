/** The faults a reader can inject: duplicate delivery, late events, bad records, and models run out of order. */
import type { Faults } from '../kit/define-lab.ts';
import type { WarehouseLab } from './messages.ts';
import { BAD_EVERY, LATE_MS, LATE_ONE_IN } from './settings.ts';

export const faults: Faults<WarehouseLab> = {
  'duplicate-delivery': {
    label: 'Duplicate delivery',
    description:
      'Every batch of change events reaches the warehouse twice, as after a connector retries: bronze holds each event two times.',
    service: 'warehouse',
    network: { kind: 'duplicate', between: ['ops', 'warehouse'] },
  },
  'late-events': {
    label: 'Late, out-of-order events',
    description: `The connector holds every plan change, and one ticket event in ${LATE_ONE_IN}, for ${LATE_MS} ms (three lab days): they reach bronze after newer events, and after a model run that should have seen them.`,
    service: 'ops',
  },
  'bad-records': {
    label: 'Bad records',
    description: `Every ${BAD_EVERY}th ticket is bad, in turn: an e-mail with no customer, a customer id from the old CRM that does not exist, and a laptop whose clock runs two days ahead.`,
    service: 'desk',
  },
  'models-out-of-order': {
    label: 'Models run out of order',
    description:
      'The scheduler runs the models by file name instead of by their dependencies: every gold model runs before the silver models it reads, so gold is built from the previous run’s silver.',
    service: 'warehouse',
  },
};

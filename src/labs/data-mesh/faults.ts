/** The faults a reader can inject, each a mistake one domain team makes; the platform's checks are what find them. */
import type { Faults } from '../kit/define-lab.ts';
import type { MeshLab } from './messages.ts';

export const faults: Faults<MeshLab> = {
  'billing-stalled': {
    label: 'Billing’s publishing job stalls',
    description:
      'Billing’s job that refreshes its products stops running (its warehouse credentials expired, say). The products stay readable and quietly grow stale; only a freshness objective measured per product says so.',
    service: 'billing',
  },
  'unmasked-email': {
    label: 'Billing publishes a product with raw emails',
    description:
      'At its next publish Billing registers a new product, payers_v1, copied straight from its accounts table: its email column is plain text. The federated policy check must find it, in the catalog, without being told.',
    service: 'billing',
  },
  'grant-leak': {
    label: 'Billing grants marketing its own invoices table',
    description:
      'A Billing engineer grants the consumer role SELECT on billing.invoices to unblock a dashboard. Marketing could now depend on a table Billing changes at will. Switching the fault off revokes the grant at the next publish.',
    service: 'billing',
  },
};

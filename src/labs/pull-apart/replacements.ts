/**
 * What takes the place of each tie between two domains once they are split: the design this lab follows,
 * shown next to each foreign key, view or trigger the split breaks. Keyed by the catalog name.
 */
export const REPLACED_BY: Readonly<Record<string, string>> = {
  customers_zip_fkey: 'Customer validates zip codes against a cached copy of the reference data',
  experts_zip_fkey: 'Expert validates zip codes against a cached copy of the reference data',
  tickets_customer_id_fkey: 'Ticket asks Customer whether the customer exists, and keeps customer_name as a replicated column',
  tickets_expert_id_fkey: 'Ticket keeps expert_id as a plain id and asks Expert before it assigns',
  assignments_ticket_id_fkey: 'Assignment keeps ticket_id as a plain id and asks Ticket whether it exists',
  surveys_ticket_id_fkey: 'Survey reads ticket descriptions through a call to Ticket (ticket-descriptions)',
  surveys_customer_id_fkey: 'Survey keeps customer_id as a plain id',
  invoices_customer_id_fkey: 'Billing reads names through a call to Customer (customer-names)',
  customer_ticket_summary: 'Customer keeps open_tickets in its own table; Ticket tells it when tickets open and close',
  tickets_count_open: 'Ticket calls Customer when a ticket opens or closes, instead of writing customers itself',
};

export function replacementFor(name: string): string {
  // A view is listed under its qualified name.
  return REPLACED_BY[name] ?? REPLACED_BY[name.split('.').at(-1) ?? ''] ?? '—';
}

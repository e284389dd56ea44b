/**
 * The pulling-apart chapter's migration steps, word for word as the chapter prints them, so that a demo replays
 * exactly what learners type. `course.test.ts` checks that each one is still in the chapter.
 */
export const STEP_2_SCHEMAS = `CREATE SCHEMA ticketing;
CREATE SCHEMA assignment;
CREATE SCHEMA customer;
CREATE SCHEMA expert;
CREATE SCHEMA survey;
CREATE SCHEMA billing;
CREATE SCHEMA reference;
ALTER TABLE tickets SET SCHEMA ticketing;
ALTER TABLE assignments SET SCHEMA assignment;
ALTER TABLE customers SET SCHEMA customer;
ALTER TABLE experts SET SCHEMA expert;
ALTER TABLE surveys SET SCHEMA survey;
ALTER TABLE invoices SET SCHEMA billing;
ALTER TABLE zip_codes SET SCHEMA reference;`;

export const STEP_3_ROLES = `CREATE ROLE ticket_service;
GRANT USAGE ON SCHEMA ticketing TO ticket_service;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA ticketing TO ticket_service;
CREATE ROLE customer_service;
GRANT USAGE ON SCHEMA customer TO customer_service;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA customer TO customer_service;
CREATE ROLE survey_service;
GRANT USAGE ON SCHEMA survey TO survey_service;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA survey TO survey_service;
CREATE ROLE billing_service;
GRANT USAGE ON SCHEMA billing TO billing_service;
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA billing TO billing_service;`;

export const STEP_3_UNTIE = `ALTER TABLE ticketing.tickets ADD COLUMN customer_name text;
UPDATE ticketing.tickets t SET customer_name = c.name
FROM customer.customers c WHERE c.id = t.customer_id;
DROP VIEW customer_ticket_summary;
DROP TRIGGER tickets_count_open ON ticketing.tickets;
DROP FUNCTION count_open_tickets();`;

export const STEP_4_FOREIGN_KEYS = `ALTER TABLE ticketing.tickets DROP CONSTRAINT tickets_customer_id_fkey, DROP CONSTRAINT tickets_expert_id_fkey;
ALTER TABLE assignment.assignments DROP CONSTRAINT assignments_ticket_id_fkey, DROP CONSTRAINT assignments_expert_id_fkey;
ALTER TABLE survey.surveys DROP CONSTRAINT surveys_ticket_id_fkey, DROP CONSTRAINT surveys_customer_id_fkey;
ALTER TABLE billing.invoices DROP CONSTRAINT invoices_customer_id_fkey;
ALTER TABLE customer.customers DROP CONSTRAINT customers_zip_fkey;
ALTER TABLE expert.experts DROP CONSTRAINT experts_zip_fkey;`;

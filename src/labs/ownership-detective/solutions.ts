/**
 * The reference answers to the chapter's exercises, exactly as the chapter prints them in its solutions.
 * `lab.test.ts` checks that each passes its exercise and that the chapter still shows it word for word.
 */

export const TWO_WRITERS_SQL = `SELECT table_name
FROM audit.write_log
WHERE op <> 'SELECT'
GROUP BY table_name
HAVING count(DISTINCT service) = 2
ORDER BY table_name;`;

export const READ_ONLY_SQL = `SELECT service, table_name
FROM audit.write_log
GROUP BY service, table_name
HAVING bool_and(op = 'SELECT')
ORDER BY service, table_name;`;

export const CLASSIFY_SQL = `SELECT table_name,
  CASE
    WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 0 THEN 'none'
    WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 1 THEN 'single'
    WHEN table_name = 'zip_codes' THEN 'common'
    ELSE 'joint'
  END AS ownership,
  CASE WHEN count(DISTINCT service) FILTER (WHERE op <> 'SELECT') = 1
    THEN min(service) FILTER (WHERE op <> 'SELECT')
  END AS owner
FROM audit.write_log
GROUP BY table_name
ORDER BY table_name;`;

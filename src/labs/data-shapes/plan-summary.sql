-- plan_summary(query) runs a query under EXPLAIN ANALYZE and returns what its plan read: the rows its scans
-- produced or filtered out, times the loops they ran (a Bitmap Index Scan's entries are not counted twice with
-- its heap scan), and which indexes or scans it used. Both Postgres stores have it; try it in the console.
CREATE FUNCTION plan_summary(query text, OUT rows_read bigint, OUT access text) LANGUAGE plpgsql AS $$
DECLARE
  plan jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
  SELECT
    coalesce(round(sum(
      ((n ->> 'Actual Rows')::numeric + coalesce((n ->> 'Rows Removed by Filter')::numeric, 0)
        + coalesce((n ->> 'Rows Removed by Index Recheck')::numeric, 0)) * (n ->> 'Actual Loops')::numeric
    ) FILTER (WHERE n ->> 'Node Type' <> 'Bitmap Index Scan')), 0)::bigint,
    coalesce(string_agg(DISTINCT CASE
      WHEN n ? 'Index Name' THEN (n ->> 'Node Type') || ' ' || (n ->> 'Index Name')
      WHEN n ->> 'Node Type' = 'Seq Scan' THEN 'Seq Scan ' || (n ->> 'Relation Name')
      WHEN n ->> 'Node Type' = 'Function Scan' THEN 'Function Scan ' || (n ->> 'Function Name')
    END, ', '), '')
  INTO rows_read, access
  FROM jsonb_path_query(plan, 'strict $.**') AS n
  WHERE jsonb_typeof(n) = 'object'
    AND n ->> 'Node Type' IN ('Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan', 'Function Scan')
    AND n ->> 'Actual Loops' IS NOT NULL;
END
$$;

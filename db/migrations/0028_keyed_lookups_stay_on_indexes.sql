-- 0028 keyed lookups stay on their indexes. Once VACUUM or ANALYZE has seen a table small
-- (a new register, a workflow's few decisions), the planner reads it by a sequential scan,
-- which is right for that size, and keeps the plan while the table grows or fills with
-- dead rows inside one session or transaction:
-- - A registration plans its foreign-key checks at its first batch. After a VACUUM of a
--   new register, the check of each decision's case scanned every case stored so far:
--   10 000 decisions took 5.5 s instead of 3.0 s, and the time grew with the square of
--   the file's length.
-- - A step read its decision by a sequential scan of the table its own updates fill with
--   dead rows: 1 050 steps a second for one client instead of 2 320, falling as it ran.
-- - Sealing read event_pending, a queue whose rows are deleted as they are chained, the
--   same way, though it is indexed by xid so that it reads only the recent end: 171
--   buffers a seal instead of 19.
-- Every statement of these functions, and every check they set off, finds its rows by key,
-- so sequential scans are left to the tables with no index to use (their working tables).
SET LOCAL ROLE pykala_owner;

ALTER FUNCTION pykala.register_decisions(jsonb, boolean) SET enable_seqscan = off;
ALTER FUNCTION pykala.transition(text, bigint, text, integer, text, uuid) SET enable_seqscan = off;
ALTER FUNCTION pykala.seal_at_commit() SET enable_seqscan = off;
ALTER FUNCTION pykala.seal_events() SET enable_seqscan = off;

RESET ROLE;

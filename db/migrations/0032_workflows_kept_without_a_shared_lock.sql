-- 0032 the workflow a history row names is kept by refusing to remove workflows, not by a
-- foreign key. Each workflow step inserts a history row, and that key's check locked the
-- workflow's row (FOR KEY SHARE): one row shared by every decision that follows the
-- workflow. Concurrent steps each made a new multixact of its lockers and wrote a lock
-- record for it (8 clients, 19 388 steps: 19 198 multixacts and 19 388 locks of the one
-- workflow row, 3.0 MB of 46.5 MB of WAL), and each waited for the row's page in turn.
-- - A history row names the workflow its decision followed: transition takes it from the
--   decision, whose own key to workflow stays (it is checked only when it changes).
-- - A loaded workflow is never removed: DELETE and TRUNCATE of workflow are refused, for
--   everyone, the owner included, as events' are (a superuser who disables the trigger
--   gets past it, as past events'). A new version is loaded instead.
SET LOCAL ROLE pykala_owner;

ALTER TABLE pykala.decision_history DROP CONSTRAINT decision_history_workflow_id_fkey;

CREATE FUNCTION pykala.refuse_workflow_removal() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pykala, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'workflows are kept: % is refused', TG_OP
        USING ERRCODE = 'PK403',
              HINT = 'Load a new version with `pykala workflow load`; decisions and their history name the versions they followed.';
END
$$;
REVOKE EXECUTE ON FUNCTION pykala.refuse_workflow_removal() FROM PUBLIC;
CREATE TRIGGER workflow_kept BEFORE DELETE OR TRUNCATE ON pykala.workflow
    FOR EACH STATEMENT EXECUTE FUNCTION pykala.refuse_workflow_removal();

RESET ROLE;

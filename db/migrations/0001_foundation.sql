-- 0001 foundation: the schema, its NOLOGIN owner, and the group roles.
-- Tables, functions and grants on them belong to later migrations.

-- Roles are cluster-wide: create each one only when missing, with its final attributes,
-- and tolerate another database of the same cluster creating it at the same moment. No
-- ALTER ROLE here: two databases migrating at once would collide on the same pg_authid
-- row ("tuple concurrently updated"), and per-database advisory locks cannot prevent it.
DO $roles$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY[
        'pykala_owner',      -- owns the schema; nobody logs in as it, so no login can alter
                             -- tables or disable triggers
        'pykala_secretary',  -- registers cases and decisions, runs meetings and minutes
        'pykala_manager',    -- approves or returns proposals
        'pykala_auditor',    -- reads everything, writes nothing
        'pykala_admin'       -- loads workflows, manages users
    ] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = wanted) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
END
$roles$;

CREATE SCHEMA IF NOT EXISTS pykala AUTHORIZATION pykala_owner;
COMMENT ON SCHEMA pykala IS 'Pykälä decision register; written only through its SECURITY DEFINER functions';

REVOKE ALL ON SCHEMA pykala FROM PUBLIC;
GRANT USAGE ON SCHEMA pykala TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- Functions are executable by PUBLIC by default. Only the form without IN SCHEMA changes
-- that (DESIGN.md "Engineering notes"); grants to the group roles are made one by one.
ALTER DEFAULT PRIVILEGES FOR ROLE pykala_owner REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

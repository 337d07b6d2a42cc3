-- 0008 requests: every write may carry a request id. The first result of each (caller,
-- request id) is kept; a retry after a lost reply gets that result back instead of acting
-- twice. The result is stored in the same transaction as the write, so both or neither
-- happen.
SET LOCAL ROLE pykala_owner;

CREATE TABLE pykala.request (
    actor           text NOT NULL DEFAULT session_user,
    request_id      uuid NOT NULL,
    -- The organization the write was in, when it was in one (adding an organization is not).
    organization_id bigint REFERENCES pykala.organization (id),
    kind            text NOT NULL CHECK (kind ~ '^[a-z_]{1,60}$'),
    result          jsonb NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, request_id)
);
GRANT SELECT ON pykala.request TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- The result of the caller's earlier request with this id, or NULL. The same id for
-- another kind of write is a conflict.
CREATE FUNCTION pykala.recall_request(p_request_id uuid, p_kind text) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    earlier request;
BEGIN
    SELECT * INTO earlier FROM request WHERE actor = session_user AND request_id = p_request_id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF earlier.kind <> p_kind THEN
        RAISE EXCEPTION 'request id % was already used for %', p_request_id, earlier.kind
            USING ERRCODE = 'PK409', HINT = 'Use a new request id for a new write.';
    END IF;
    RETURN earlier.result;
END
$$;

-- Keeps the result of the caller's request; a concurrent retry with the same id waits for
-- this transaction and then fails on the primary key, and recalls the result instead.
CREATE FUNCTION pykala.remember_request(p_request_id uuid, p_kind text, p_result jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM require_role('secretary', 'manager', 'admin');
    IF length(p_result::text) > 1000000 THEN
        RAISE EXCEPTION 'a request''s result is kept up to 1 MB' USING ERRCODE = 'PK422';
    END IF;
    INSERT INTO request (request_id, kind, result) VALUES (p_request_id, p_kind, p_result);
END
$$;

GRANT EXECUTE ON FUNCTION pykala.recall_request(uuid, text) TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.remember_request(uuid, text, jsonb) TO pykala_secretary, pykala_manager, pykala_admin;
RESET ROLE;

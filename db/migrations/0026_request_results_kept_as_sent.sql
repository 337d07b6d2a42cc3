-- 0026 request results kept as sent: a registration of 100 000 decisions with a request id
-- keeps its answer (15 MB of JSON) for a retry to return, and the server parsed it into
-- jsonb's binary form to store it: 0.65 s at the end of the registration, with nothing else
-- left to do. Nothing reads inside a kept result (a retry gets it back whole), so it is
-- kept as `json`, the text as sent, which PostgreSQL checks for JSON syntax without
-- building it (the same 15 MB: 0.07 s). Compressed with LZ4, as 0023 set.
SET LOCAL ROLE pykala_owner;

ALTER TABLE pykala.request ALTER COLUMN result TYPE json USING result::json;
ALTER TABLE pykala.request ALTER COLUMN result SET COMPRESSION lz4;

DROP FUNCTION pykala.remember_request(uuid, text, jsonb);
DROP FUNCTION pykala.recall_request(uuid, text);

-- The result of the caller's earlier request with this id, or NULL. The same id for
-- another kind of write is a conflict.
CREATE FUNCTION pykala.recall_request(p_request_id uuid, p_kind text) RETURNS json
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
CREATE FUNCTION pykala.remember_request(p_request_id uuid, p_kind text, p_result json) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM require_role('secretary', 'manager', 'admin');
    IF pg_column_size(p_result) > 64 * 1024 * 1024 THEN
        RAISE EXCEPTION 'a request''s result is kept up to 64 MB' USING ERRCODE = 'PK422',
            HINT = 'Register the decisions in files of at most 100 000 decisions each.';
    END IF;
    INSERT INTO request (request_id, kind, result) VALUES (p_request_id, p_kind, p_result);
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.recall_request(uuid, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.remember_request(uuid, text, json) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.recall_request(uuid, text) TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.remember_request(uuid, text, json) TO pykala_secretary, pykala_manager, pykala_admin;

RESET ROLE;

-- 0023 request results kept cheaply: registering 100 000 decisions with a request id keeps
-- its answer, 15 MB of JSON, for a retry to return. remember_request measured it by
-- printing it as text (octet_length(p_result::text)), and the row compressed it with pglz:
-- 270 ms together. The size is now the stored value's (pg_column_size, the same bound for
-- all practical purposes: jsonb's binary form is about as long as its text), and results
-- are compressed with LZ4, several times faster than pglz at a similar ratio for JSON.
SET LOCAL ROLE pykala_owner;

ALTER TABLE pykala.request ALTER COLUMN result SET COMPRESSION lz4;

CREATE OR REPLACE FUNCTION pykala.remember_request(p_request_id uuid, p_kind text, p_result jsonb) RETURNS void
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

RESET ROLE;

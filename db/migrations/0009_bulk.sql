-- 0009 bulk: a registration of 100 000 decisions keeps its result (about 15 MB of JSON)
-- like any other request, so a retry of a bulk registration acts once too.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.remember_request(p_request_id uuid, p_kind text, p_result jsonb) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM require_role('secretary', 'manager', 'admin');
    IF octet_length(p_result::text) > 64 * 1024 * 1024 THEN
        RAISE EXCEPTION 'a request''s result is kept up to 64 MB' USING ERRCODE = 'PK422',
            HINT = 'Register the decisions in files of at most 100 000 decisions each.';
    END IF;
    INSERT INTO request (request_id, kind, result) VALUES (p_request_id, p_kind, p_result);
END
$$;

-- As in 0006, with the results gathered in arrays (appending to a jsonb array copies it
-- whole each time: quadratic, 61 s for 10 000 decisions).
CREATE OR REPLACE FUNCTION pykala.register_decisions(documents jsonb, create_missing boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    doc        jsonb;
    written    jsonb;
    registered jsonb[] := '{}';
    created    jsonb[] := '{}';
    item       jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF jsonb_typeof(documents) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'documents must be a JSON array' USING ERRCODE = 'PK422';
    END IF;
    FOR doc IN SELECT value FROM jsonb_array_elements(documents) LOOP
        written := write_decision(doc, create_missing, NULL, NULL);
        INSERT INTO decision_history (organization_id, decision_id, action, to_state, version_after)
        SELECT organization_id, id, 'register', state, version FROM decision WHERE id = (written->'decision'->>'id')::bigint;
        registered := array_append(registered, written->'decision');
        FOR item IN SELECT value FROM jsonb_array_elements(written->'created') LOOP
            created := array_append(created, item);
        END LOOP;
    END LOOP;
    RETURN jsonb_build_object('decisions', to_jsonb(registered), 'created', to_jsonb(created));
END
$$;

RESET ROLE;

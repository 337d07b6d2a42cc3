-- 0003 register functions: the only way to write the register. SECURITY DEFINER with a
-- pinned search_path (pg_temp named last, so a temporary object cannot shadow ours).
-- Errors use the project's SQLSTATE class PK: PK401 role, PK404 unknown name, PK409 conflict,
-- PK422 invalid document.
SET LOCAL ROLE pykala_owner;

-- Raises PK401 unless the caller (session_user: no one can claim another identity) is a
-- superuser or a member of one of the pykala_<role> groups.
CREATE FUNCTION pykala.require_role(VARIADIC allowed text[]) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user) THEN
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(allowed) AS r
               WHERE pg_catalog.pg_has_role(session_user, 'pykala_' || r, 'MEMBER')) THEN
        RETURN;
    END IF;
    RAISE EXCEPTION 'only a % may do this; you are %', array_to_string(allowed, ' or '), session_user
        USING ERRCODE = 'PK401', HINT = 'Ask an admin to grant you the role.';
END
$$;

-- 100000 cents -> '1 000,00 €', for messages.
CREATE FUNCTION pykala.format_euros(cents bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(to_char(cents / 100.0, 'FM999,999,999,999,990.00'), ',.', ' ,') || ' €';

-- Registers a list of normalised decision documents (as pykala's DecisionStore writes
-- them) as drafts, all or none. With create_missing, unknown organizations, bodies and
-- people are created and listed in the result's "created".
CREATE FUNCTION pykala.register_decisions(documents jsonb, create_missing boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    doc          jsonb;
    item         jsonb;
    item_index   integer;
    registered   jsonb := '[]';
    created      jsonb := '[]';
    org_id       bigint;
    v_body_id    bigint;
    v_case_id    bigint;
    v_project_id bigint;
    v_decision   bigint;
    v_person     bigint;
    matches      integer;
    shares_sum   bigint;
    body_kind    text;
BEGIN
    PERFORM pykala.require_role('secretary', 'admin');
    IF jsonb_typeof(documents) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'documents must be a JSON array' USING ERRCODE = 'PK422';
    END IF;

    FOR doc IN SELECT value FROM jsonb_array_elements(documents) LOOP
        -- Organization: named, or the only one there is.
        IF doc->>'organization' IS NULL THEN
            SELECT count(*) INTO matches FROM organization;
            IF matches <> 1 THEN
                RAISE EXCEPTION 'the document names no organization, and the register has %', matches
                    USING ERRCODE = 'PK404', HINT = 'Add "organization: NAME" to the document.';
            END IF;
            SELECT id INTO org_id FROM organization;
        ELSE
            SELECT id INTO org_id FROM organization WHERE name = doc->>'organization';
            IF NOT FOUND THEN
                IF NOT create_missing THEN
                    RAISE EXCEPTION 'organization "%" does not exist', doc->>'organization'
                        USING ERRCODE = 'PK404', HINT = 'Check the spelling, or register with --create-missing to create it.';
                END IF;
                INSERT INTO organization (name) VALUES (doc->>'organization') RETURNING id INTO org_id;
                created := created || jsonb_build_object('kind', 'organization', 'name', doc->>'organization');
            END IF;
        END IF;

        -- Body.
        SELECT id INTO v_body_id FROM body WHERE organization_id = org_id AND name = doc->>'body';
        IF NOT FOUND THEN
            IF NOT create_missing THEN
                RAISE EXCEPTION 'body "%" does not exist', doc->>'body'
                    USING ERRCODE = 'PK404', HINT = 'Check the spelling, or register with --create-missing to create it.';
            END IF;
            body_kind := CASE WHEN doc->>'body' ~* 'valtuusto|fullmäktige' THEN 'council'
                              WHEN doc->>'body' ~* 'hallitus|styrelse' THEN 'board'
                              ELSE 'committee' END;
            INSERT INTO body (organization_id, name, kind) VALUES (org_id, doc->>'body', body_kind) RETURNING id INTO v_body_id;
            created := created || jsonb_build_object('kind', 'body', 'name', doc->>'body', 'body_kind', body_kind);
        END IF;

        -- Case: an existing diary number joins its case; a new one is recorded, and the
        -- organization's counter for that year never falls behind it.
        v_case_id := NULL;
        IF doc->'case'->>'diary_number' IS NOT NULL THEN
            SELECT id INTO v_case_id FROM "case" WHERE organization_id = org_id AND diary_number = doc->'case'->>'diary_number';
            IF NOT FOUND THEN
                INSERT INTO "case" (organization_id, diary_number, running, classification, year, title)
                VALUES (org_id, doc->'case'->>'diary_number', (doc->'case'->>'running')::integer,
                        doc->'case'->>'classification', (doc->'case'->>'year')::integer,
                        coalesce(doc->'case'->>'title', doc->>'title'))
                RETURNING id INTO v_case_id;
                IF doc->'case'->>'running' IS NOT NULL THEN
                    INSERT INTO diary_counter (organization_id, year, last_running)
                    VALUES (org_id, (doc->'case'->>'year')::integer, (doc->'case'->>'running')::integer)
                    ON CONFLICT (organization_id, year)
                    DO UPDATE SET last_running = greatest(diary_counter.last_running, EXCLUDED.last_running);
                END IF;
            END IF;
        END IF;

        -- Project: found by name, or recorded as the document describes it.
        v_project_id := NULL;
        IF doc->'project'->>'name' IS NOT NULL THEN
            SELECT id INTO v_project_id FROM project WHERE organization_id = org_id AND name = doc->'project'->>'name';
            IF NOT FOUND THEN
                INSERT INTO project (organization_id, name, coordinator, period)
                VALUES (org_id, doc->'project'->>'name', doc->'project'->>'coordinator', doc->'project'->>'period')
                RETURNING id INTO v_project_id;
            END IF;
        END IF;

        BEGIN
            INSERT INTO decision (organization_id, case_id, body_id, project_id, title, description, proposal,
                                  decision_text, outcome, vote, disqualified, earlier_handlings, meeting_date, section,
                                  total_cents, publicity, secrecy_basis)
            VALUES (org_id, v_case_id, v_body_id, v_project_id, doc->>'title', doc->>'description', doc->>'proposal',
                    doc->>'decision', doc->>'outcome', doc->'vote', coalesce(doc->'disqualified', '[]'),
                    coalesce(doc->'earlier_handlings', '[]'), (doc->>'meeting_date')::date, (doc->>'section')::integer,
                    (doc->>'total_cents')::bigint, CASE WHEN doc->>'secrecy_basis' IS NULL THEN 'public' ELSE 'secret' END,
                    doc->>'secrecy_basis')
            RETURNING id INTO v_decision;
        EXCEPTION WHEN unique_violation THEN
            RAISE EXCEPTION '% already has a § % in %', doc->>'body', doc->>'section', extract(year FROM (doc->>'meeting_date')::date)
                USING ERRCODE = 'PK409', HINT = 'See it with `pykala decision show`; § numbers run per body and year.';
        END;

        FOR item, item_index IN SELECT value, ordinality - 1 FROM jsonb_array_elements(coalesce(doc->'cost_shares', '[]')) WITH ORDINALITY LOOP
            INSERT INTO cost_share (organization_id, decision_id, position, year, amount_cents, source)
            VALUES (org_id, v_decision, item_index, (item->>'year')::integer, (item->>'amount_cents')::bigint, item->>'source');
        END LOOP;
        SELECT sum(amount_cents) INTO shares_sum FROM cost_share WHERE decision_id = v_decision;
        IF shares_sum IS NOT NULL AND doc->>'total_cents' IS NOT NULL AND shares_sum <> (doc->>'total_cents')::bigint THEN
            RAISE EXCEPTION 'the cost shares add up to %, but the total is %',
                format_euros(shares_sum), format_euros((doc->>'total_cents')::bigint) USING ERRCODE = 'PK422';
        END IF;

        FOR item IN SELECT value FROM jsonb_array_elements(coalesce(doc->'deadlines', '[]')) LOOP
            INSERT INTO deadline (organization_id, decision_id, kind, due_date, text, done_at)
            VALUES (org_id, v_decision, item->>'kind', (item->>'date')::date, item->>'text',
                    CASE WHEN (item->>'done')::boolean THEN now() END);
        END LOOP;

        FOR item, item_index IN SELECT value, ordinality - 1 FROM jsonb_array_elements(coalesce(doc->'contacts', '[]')) WITH ORDINALITY LOOP
            SELECT count(*), min(id) INTO matches, v_person FROM person
             WHERE organization_id = org_id AND name = item->>'name'
               AND (item->>'title' IS NULL OR title IS NOT DISTINCT FROM item->>'title');
            IF matches > 1 THEN
                RAISE EXCEPTION 'there are % people named "%"', matches, item->>'name'
                    USING ERRCODE = 'PK409', HINT = 'Give the contact''s title to say which one.';
            ELSIF matches = 0 THEN
                IF NOT create_missing THEN
                    RAISE EXCEPTION 'person "%" does not exist', item->>'name'
                        USING ERRCODE = 'PK404', HINT = 'Check the spelling, or register with --create-missing to create them.';
                END IF;
                INSERT INTO person (organization_id, name, title, phone, email, is_private)
                VALUES (org_id, item->>'name', item->>'title', item->>'phone', item->>'email', coalesce((item->>'private')::boolean, false))
                RETURNING id INTO v_person;
                created := created || jsonb_build_object('kind', 'person', 'name', item->>'name', 'title', item->>'title');
            END IF;
            INSERT INTO contact (organization_id, decision_id, person_id, position, role)
            VALUES (org_id, v_decision, v_person, item_index, item->>'role');
        END LOOP;

        registered := registered || jsonb_build_object(
            'id', v_decision, 'diary_number', doc->'case'->>'diary_number', 'title', doc->>'title',
            'body', doc->>'body', 'meeting_date', doc->>'meeting_date', 'section', (doc->>'section')::integer);
    END LOOP;
    RETURN jsonb_build_object('decisions', registered, 'created', created);
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.require_role(text[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.register_decisions(jsonb, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.register_decisions(jsonb, boolean) TO pykala_secretary, pykala_admin;
RESET ROLE;

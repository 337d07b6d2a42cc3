-- 0005 directory: organizations, bodies, people and cases added one at a time (with
-- race-free, gap-free diary numbers); projects with partners, funders, goals and contacts;
-- deadlines marked done. Every write is a SECURITY DEFINER function that checks the
-- caller's role; SQLSTATEs as in 0003 (PK401 role, PK404 unknown, PK409 conflict, PK422 invalid).
SET LOCAL ROLE pykala_owner;

-- Y-tunnus: seven digits, a hyphen and a check digit (weights 7 9 10 5 8 4 2, modulo 11;
-- a remainder of 1 is never issued).
CREATE FUNCTION pykala.is_valid_business_id(value text) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    weights   integer[] := '{7,9,10,5,8,4,2}';
    total     integer := 0;
    remainder integer;
BEGIN
    IF value IS NULL THEN
        RETURN true;
    END IF;
    IF value !~ '^[0-9]{7}-[0-9]$' THEN
        RETURN false;
    END IF;
    FOR i IN 1..7 LOOP
        total := total + weights[i] * substr(value, i, 1)::integer;
    END LOOP;
    remainder := total % 11;
    RETURN remainder <> 1 AND (CASE WHEN remainder = 0 THEN 0 ELSE 11 - remainder END) = substr(value, 9, 1)::integer;
END
$$;

ALTER TABLE pykala.organization
    DROP CONSTRAINT organization_business_id_check,
    ADD CONSTRAINT organization_business_id_check CHECK (pykala.is_valid_business_id(business_id));

-- Every element a clean line (see is_clean_line), none NULL.
CREATE FUNCTION pykala.are_clean_lines(items text[], max_length integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN items IS NULL OR (SELECT coalesce(bool_and(item IS NOT NULL AND pykala.is_clean_line(item, max_length)), true)
                             FROM unnest(items) AS item);

-- Running numbers are unique per organization and year, whatever the classification.
CREATE UNIQUE INDEX case_running_key ON pykala."case" (organization_id, year, running) WHERE running IS NOT NULL;

ALTER TABLE pykala.project
    ADD COLUMN partners text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(partners) <= 100 AND pykala.are_clean_lines(partners, 200)),
    ADD COLUMN funders text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(funders) <= 100 AND pykala.are_clean_lines(funders, 200)),
    ADD COLUMN goals text CHECK (pykala.is_clean_text(goals, 20000));

-- The people a project names, with what each is responsible for.
CREATE TABLE pykala.project_contact (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    project_id      bigint NOT NULL REFERENCES pykala.project (id),
    person_id       bigint NOT NULL REFERENCES pykala.person (id),
    responsibility  text CHECK (pykala.is_clean_line(responsibility, 500)),
    UNIQUE (project_id, person_id)
);
GRANT SELECT ON pykala.project_contact TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

CREATE INDEX deadline_decision_idx ON pykala.deadline (decision_id);
CREATE INDEX contact_decision_idx ON pykala.contact (decision_id);
CREATE INDEX cost_share_decision_idx ON pykala.cost_share (decision_id);
CREATE INDEX decision_project_idx ON pykala.decision (project_id) WHERE project_id IS NOT NULL;

-- The organization a command means: the one named (Finnish or Swedish name), or the only
-- one there is. Raises PK404 when there is none, or several and no name.
CREATE FUNCTION pykala.organization_id(p_name text) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    result  bigint;
    matches integer;
BEGIN
    IF p_name IS NULL THEN
        SELECT count(*), min(id) INTO matches, result FROM organization;
        IF matches = 0 THEN
            RAISE EXCEPTION 'the register has no organization yet'
                USING ERRCODE = 'PK404', HINT = 'Add one with `pykala org add NAME`.';
        ELSIF matches > 1 THEN
            RAISE EXCEPTION 'the register has % organizations, and none was named', matches
                USING ERRCODE = 'PK404', HINT = 'Give --org NAME; `pykala org list` lists them.';
        END IF;
        RETURN result;
    END IF;
    SELECT id INTO result FROM organization WHERE name = p_name OR name_sv = p_name ORDER BY name = p_name DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'organization "%" does not exist', p_name
            USING ERRCODE = 'PK404', HINT = 'Check the spelling; `pykala org list` lists them.';
    END IF;
    RETURN result;
END
$$;

-- A row as JSON with the fields a client shows.
CREATE FUNCTION pykala.organization_json(o pykala.organization) RETURNS jsonb
    LANGUAGE sql STABLE
    RETURN jsonb_build_object('id', o.id, 'name', o.name, 'name_sv', o.name_sv, 'business_id', o.business_id);

CREATE FUNCTION pykala.add_organization(p_name text, p_name_sv text, p_business_id text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    added organization;
BEGIN
    PERFORM require_role('secretary', 'admin');
    INSERT INTO organization (name, name_sv, business_id) VALUES (p_name, p_name_sv, p_business_id) RETURNING * INTO added;
    PERFORM append_event(added.id, 'organization_added', NULL, NULL, NULL, NULL, jsonb_changes(NULL, organization_json(added)));
    RETURN organization_json(added);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'organization "%" already exists', p_name
        USING ERRCODE = 'PK409', HINT = 'See it with `pykala org show`.';
END
$$;

CREATE FUNCTION pykala.add_body(p_organization text, p_name text, p_kind text, p_name_sv text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    added  body;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    INSERT INTO body (organization_id, name, kind, name_sv) VALUES (org_id, p_name, p_kind, p_name_sv) RETURNING * INTO added;
    PERFORM append_event(org_id, 'body_added', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('name', added.name, 'name_sv', added.name_sv, 'kind', added.kind)));
    RETURN jsonb_build_object('id', added.id, 'organization', (SELECT name FROM organization WHERE id = org_id),
                              'name', added.name, 'name_sv', added.name_sv, 'kind', added.kind);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'body "%" already exists', p_name
        USING ERRCODE = 'PK409', HINT = 'See it with `pykala body show`.';
END
$$;

CREATE FUNCTION pykala.add_person(p_organization text, p_name text, p_title text, p_phone text, p_email text,
                                  p_private boolean) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    added  person;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    INSERT INTO person (organization_id, name, title, phone, email, is_private)
    VALUES (org_id, p_name, p_title, p_phone, p_email, coalesce(p_private, false)) RETURNING * INTO added;
    PERFORM append_event(org_id, 'person_added', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('name', added.name, 'title', added.title, 'phone', added.phone,
                                                                'email', added.email, 'private', added.is_private)));
    RETURN jsonb_build_object('id', added.id, 'name', added.name, 'title', added.title, 'phone', added.phone,
                              'email', added.email, 'private', added.is_private);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION 'person "%" with title "%" already exists', p_name, coalesce(p_title, '')
        USING ERRCODE = 'PK409', HINT = 'See them with `pykala person show`.';
END
$$;

-- Records a case with a given diary number and keeps the organization's counter for that
-- year at least as high as its running number. Returns the case's id; an existing number
-- returns the existing case.
CREATE FUNCTION pykala.record_case(org_id bigint, c jsonb, fallback_title text) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    v_case_id bigint;
BEGIN
    SELECT id INTO v_case_id FROM "case" WHERE organization_id = org_id AND diary_number = c->>'diary_number';
    IF FOUND THEN
        RETURN v_case_id;
    END IF;
    BEGIN
        -- The same new number registered at the same moment joins the one case.
        INSERT INTO "case" (organization_id, diary_number, running, classification, year, title)
        VALUES (org_id, c->>'diary_number', (c->>'running')::integer, c->>'classification', (c->>'year')::integer,
                coalesce(c->>'title', fallback_title))
        ON CONFLICT (organization_id, diary_number) DO NOTHING
        RETURNING id INTO v_case_id;
    EXCEPTION WHEN unique_violation THEN
        RAISE EXCEPTION 'the running number % of % is already taken by another case', c->>'running', c->>'year'
            USING ERRCODE = 'PK409', HINT = 'Running numbers are unique per organization and year; see `pykala case list`.';
    END;
    IF v_case_id IS NULL THEN
        SELECT id INTO v_case_id FROM "case" WHERE organization_id = org_id AND diary_number = c->>'diary_number';
        RETURN v_case_id;
    END IF;
    PERFORM append_event(org_id, 'case_opened', NULL, NULL, NULL, NULL, jsonb_changes(NULL, case_json(v_case_id)));
    IF c->>'running' IS NOT NULL THEN
        INSERT INTO diary_counter (organization_id, year, last_running)
        VALUES (org_id, (c->>'year')::integer, (c->>'running')::integer)
        ON CONFLICT (organization_id, year)
        DO UPDATE SET last_running = greatest(diary_counter.last_running, EXCLUDED.last_running);
    END IF;
    RETURN v_case_id;
END
$$;

CREATE FUNCTION pykala.case_json(v_case_id bigint) RETURNS jsonb
    LANGUAGE sql STABLE
    RETURN (SELECT jsonb_build_object('id', id, 'diary_number', diary_number, 'running', running,
                                      'classification', classification, 'year', year, 'title', title)
              FROM pykala."case" WHERE id = v_case_id);

-- Opens a case. Without a number, allocates the next running number of the organization
-- and year: the counter row is locked by the upsert until commit, so concurrent callers
-- wait for each other (race-free), and a rolled-back call gives its number back (gap-free).
-- With a number (as pykala's DiaryNumber parses it), records that number as it is.
CREATE FUNCTION pykala.open_case(p_organization text, p_classification text, p_title text, p_year integer,
                                 p_number jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id    bigint;
    v_year    integer;
    v_running integer;
    v_case_id bigint;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    IF p_number IS NOT NULL THEN
        IF EXISTS (SELECT 1 FROM "case" WHERE organization_id = org_id AND diary_number = p_number->>'diary_number') THEN
            RAISE EXCEPTION 'case % already exists', p_number->>'diary_number'
                USING ERRCODE = 'PK409', HINT = 'See it with `pykala case list`.';
        END IF;
        v_case_id := record_case(org_id, p_number || jsonb_build_object('title', p_title), p_title);
        RETURN case_json(v_case_id);
    END IF;
    IF p_classification IS NULL THEN
        RAISE EXCEPTION 'a new case needs a classification' USING ERRCODE = 'PK422', HINT = 'Give --class, e.g. 15.151.';
    END IF;
    v_year := coalesce(p_year, extract(year FROM now() AT TIME ZONE 'Europe/Helsinki')::integer);
    INSERT INTO diary_counter AS counter (organization_id, year, last_running) VALUES (org_id, v_year, 1)
    ON CONFLICT (organization_id, year) DO UPDATE SET last_running = counter.last_running + 1
    RETURNING last_running INTO v_running;
    v_case_id := record_case(
        org_id,
        jsonb_build_object('diary_number', v_running || '/' || p_classification || '/' || v_year, 'running', v_running,
                           'classification', p_classification, 'year', v_year),
        p_title);
    -- A separate statement, so that its snapshot sees the row just written.
    RETURN case_json(v_case_id);
END
$$;

-- The person a contact names: found by name (and title, when given), or created when
-- create_missing. Returns {"id": …, "created": true|false}.
CREATE FUNCTION pykala.person_for(org_id bigint, item jsonb, create_missing boolean) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    matches  integer;
    v_person bigint;
BEGIN
    SELECT count(*), min(id) INTO matches, v_person FROM person
     WHERE organization_id = org_id AND name = item->>'name'
       AND (item->>'title' IS NULL OR title IS NOT DISTINCT FROM item->>'title');
    IF matches > 1 THEN
        RAISE EXCEPTION 'there are % people named "%"', matches, item->>'name'
            USING ERRCODE = 'PK409', HINT = 'Give the contact''s title to say which one.';
    ELSIF matches = 1 THEN
        RETURN jsonb_build_object('id', v_person, 'created', false);
    ELSIF NOT create_missing THEN
        RAISE EXCEPTION 'person "%" does not exist', item->>'name'
            USING ERRCODE = 'PK404', HINT = 'Check the spelling, add them with `pykala person add`, or register with --create-missing.';
    END IF;
    INSERT INTO person (organization_id, name, title, phone, email, is_private)
    VALUES (org_id, item->>'name', item->>'title', item->>'phone', item->>'email', coalesce((item->>'private')::boolean, false))
    RETURNING id INTO v_person;
    PERFORM append_event(org_id, 'person_added', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('name', item->>'name', 'title', item->>'title',
                                                                'phone', item->>'phone', 'email', item->>'email',
                                                                'private', coalesce((item->>'private')::boolean, false))));
    RETURN jsonb_build_object('id', v_person, 'created', true);
END
$$;

-- A project as the audit trail records it.
CREATE FUNCTION pykala.project_snapshot(p_project bigint) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp
    RETURN (SELECT jsonb_build_object(
                'name', p.name, 'coordinator', p.coordinator, 'period', p.period, 'goals', p.goals,
                'partners', to_jsonb(p.partners), 'funders', to_jsonb(p.funders),
                'contacts', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', pe.name, 'responsibility', pc.responsibility)
                                                       ORDER BY pe.name), '[]')
                               FROM pykala.project_contact pc JOIN pykala.person pe ON pe.id = pc.person_id
                              WHERE pc.project_id = p.id))
              FROM pykala.project p WHERE p.id = p_project);

-- Texts of a JSON array that a text[] does not hold yet, in order.
CREATE FUNCTION pykala.new_items(existing text[], items jsonb) RETURNS text[]
    LANGUAGE sql IMMUTABLE
    RETURN ARRAY(SELECT item
                   FROM jsonb_array_elements_text(coalesce(items, '[]')) WITH ORDINALITY AS t(item, n)
                  WHERE item <> ALL (existing) GROUP BY item ORDER BY min(n));

-- The project a document names: created as described, or completed with what the document
-- adds (missing coordinator, period or goals; new partners, funders and contacts).
-- Returns {"id": …, "created": [what was created]}.
CREATE FUNCTION pykala.project_for(org_id bigint, item jsonb, create_missing boolean) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    v_project bigint;
    created   jsonb := '[]';
    contact   jsonb;
    resolved  jsonb;
    before    jsonb;
BEGIN
    SELECT id INTO v_project FROM project WHERE organization_id = org_id AND name = item->>'name';
    IF NOT FOUND THEN
        INSERT INTO project (organization_id, name, coordinator, period, goals, partners, funders)
        VALUES (org_id, item->>'name', item->>'coordinator', item->>'period', item->>'goals',
                new_items('{}', item->'partners'), new_items('{}', item->'funders'))
        RETURNING id INTO v_project;
        created := created || jsonb_build_object('kind', 'project', 'name', item->>'name');
    ELSE
        before := project_snapshot(v_project);
        UPDATE project
           SET coordinator = coalesce(coordinator, item->>'coordinator'),
               period = coalesce(period, item->>'period'),
               goals = coalesce(goals, item->>'goals'),
               partners = partners || new_items(partners, item->'partners'),
               funders = funders || new_items(funders, item->'funders')
         WHERE id = v_project;
    END IF;
    FOR contact IN SELECT value FROM jsonb_array_elements(coalesce(item->'contacts', '[]')) LOOP
        resolved := person_for(org_id, contact, create_missing);
        IF (resolved->>'created')::boolean THEN
            created := created || jsonb_build_object('kind', 'person', 'name', contact->>'name', 'title', contact->>'title');
        END IF;
        INSERT INTO project_contact (organization_id, project_id, person_id, responsibility)
        VALUES (org_id, v_project, (resolved->>'id')::bigint, contact->>'responsibility')
        ON CONFLICT (project_id, person_id)
        DO UPDATE SET responsibility = coalesce(EXCLUDED.responsibility, project_contact.responsibility);
    END LOOP;
    -- Separate statements: the snapshot sees what this call wrote.
    PERFORM append_event(org_id, CASE WHEN before IS NULL THEN 'project_added' ELSE 'project_changed' END, NULL, NULL, NULL, NULL,
                         jsonb_changes(before, project_snapshot(v_project)));
    RETURN jsonb_build_object('id', v_project, 'created', created);
END
$$;

-- A decision as the audit trail records it: its content, cost shares, deadlines and contacts.
CREATE FUNCTION pykala.decision_snapshot(p_decision bigint) RETURNS jsonb
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp
    RETURN (SELECT jsonb_build_object(
                'title', d.title, 'body', b.name, 'diary_number', c.diary_number, 'project', p.name,
                'description', d.description, 'proposal', d.proposal, 'decision', d.decision_text, 'outcome', d.outcome,
                'vote', d.vote, 'disqualified', d.disqualified, 'earlier_handlings', d.earlier_handlings,
                'meeting_date', d.meeting_date, 'section', d.section, 'total_cents', d.total_cents,
                'publicity', d.publicity, 'secrecy_basis', d.secrecy_basis,
                'cost_shares', (SELECT coalesce(jsonb_agg(jsonb_build_object('year', s.year, 'amount_cents', s.amount_cents,
                                                                              'source', s.source) ORDER BY s.position), '[]')
                                  FROM pykala.cost_share s WHERE s.decision_id = d.id),
                'deadlines', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', l.kind, 'date', l.due_date, 'text', l.text,
                                                                            'done', l.done_at IS NOT NULL) ORDER BY l.due_date, l.id), '[]')
                                FROM pykala.deadline l WHERE l.decision_id = d.id),
                'contacts', (SELECT coalesce(jsonb_agg(jsonb_build_object('role', t.role, 'name', pe.name) ORDER BY t.position), '[]')
                               FROM pykala.contact t JOIN pykala.person pe ON pe.id = t.person_id WHERE t.decision_id = d.id))
              FROM pykala.decision d
              JOIN pykala.body b ON b.id = d.body_id
              LEFT JOIN pykala."case" c ON c.id = d.case_id
              LEFT JOIN pykala.project p ON p.id = d.project_id
             WHERE d.id = p_decision);

-- Writes one normalised decision document (as pykala's DecisionStore sends it): a new
-- draft, or, with replace_id, the new content of an existing draft whose version is still
-- expected_version. Cases are recorded through record_case, projects through project_for,
-- people through person_for. Returns {"decision": {...}, "created": [...]}.
CREATE FUNCTION pykala.write_decision(doc jsonb, create_missing boolean, replace_id bigint, expected_version integer)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    item         jsonb;
    item_index   integer;
    created      jsonb := '[]';
    org_id       bigint;
    v_body_id    bigint;
    v_case_id    bigint;
    v_project_id bigint;
    v_decision   bigint;
    v_version    integer := 1;
    existing     decision;
    before       jsonb;
    resolved     jsonb;
    shares_sum   bigint;
    body_kind    text;
BEGIN
    IF replace_id IS NOT NULL THEN
        SELECT * INTO existing FROM decision WHERE id = replace_id FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no decision has id %', replace_id USING ERRCODE = 'PK404';
        END IF;
        IF existing.state <> 'draft' THEN
            RAISE EXCEPTION 'decision % is %, and only a draft can be edited', replace_id, existing.state
                USING ERRCODE = 'PK409', HINT = 'A decision past its draft changes only through its workflow.';
        END IF;
        IF expected_version IS NOT NULL AND existing.version <> expected_version THEN
            RAISE EXCEPTION 'decision % has changed since version % (it is at version % now)', replace_id, expected_version, existing.version
                USING ERRCODE = 'PK409', HINT = 'Show it again with `pykala decision show`, then repeat the edit.';
        END IF;
        org_id := existing.organization_id;
        before := decision_snapshot(replace_id);
        IF doc->>'organization' IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM organization WHERE id = org_id AND (name = doc->>'organization' OR name_sv = doc->>'organization')) THEN
            RAISE EXCEPTION 'decision % belongs to another organization than "%"', replace_id, doc->>'organization'
                USING ERRCODE = 'PK409', HINT = 'A decision cannot move to another organization.';
        END IF;
    ELSIF doc->>'organization' IS NULL THEN
        org_id := organization_id(NULL);
    ELSE
        SELECT id INTO org_id FROM organization WHERE name = doc->>'organization' OR name_sv = doc->>'organization'
         ORDER BY name = doc->>'organization' DESC LIMIT 1;
        IF NOT FOUND THEN
            IF NOT create_missing THEN
                RAISE EXCEPTION 'organization "%" does not exist', doc->>'organization'
                    USING ERRCODE = 'PK404', HINT = 'Check the spelling, or register with --create-missing to create it.';
            END IF;
            INSERT INTO organization (name) VALUES (doc->>'organization') RETURNING id INTO org_id;
            created := created || jsonb_build_object('kind', 'organization', 'name', doc->>'organization');
            PERFORM append_event(org_id, 'organization_added', NULL, NULL, NULL, NULL,
                                 jsonb_changes(NULL, jsonb_build_object('name', doc->>'organization')));
        END IF;
    END IF;

    SELECT id INTO v_body_id FROM body
     WHERE organization_id = org_id AND (name = doc->>'body' OR name_sv = doc->>'body')
     ORDER BY name = doc->>'body' DESC LIMIT 1;
    IF NOT FOUND THEN
        IF NOT create_missing THEN
            RAISE EXCEPTION 'body "%" does not exist', doc->>'body'
                USING ERRCODE = 'PK404', HINT = 'Check the spelling, add it with `pykala body add`, or register with --create-missing.';
        END IF;
        body_kind := CASE WHEN doc->>'body' ~* 'valtuusto|fullmäktige' THEN 'council'
                          WHEN doc->>'body' ~* 'hallitus|styrelse' THEN 'board'
                          ELSE 'committee' END;
        INSERT INTO body (organization_id, name, kind) VALUES (org_id, doc->>'body', body_kind) RETURNING id INTO v_body_id;
        created := created || jsonb_build_object('kind', 'body', 'name', doc->>'body', 'body_kind', body_kind);
        PERFORM append_event(org_id, 'body_added', NULL, NULL, NULL, NULL,
                             jsonb_changes(NULL, jsonb_build_object('name', doc->>'body', 'kind', body_kind)));
    END IF;

    v_case_id := NULL;
    IF doc->'case'->>'diary_number' IS NOT NULL THEN
        v_case_id := record_case(org_id, doc->'case', doc->>'title');
    END IF;

    v_project_id := NULL;
    IF doc->'project'->>'name' IS NOT NULL THEN
        resolved := project_for(org_id, doc->'project', create_missing);
        v_project_id := (resolved->>'id')::bigint;
        created := created || (resolved->'created');
    END IF;

    BEGIN
        IF replace_id IS NULL THEN
            INSERT INTO decision (organization_id, case_id, body_id, project_id, title, description, proposal,
                                  decision_text, outcome, vote, disqualified, earlier_handlings, meeting_date, section,
                                  total_cents, publicity, secrecy_basis)
            VALUES (org_id, v_case_id, v_body_id, v_project_id, doc->>'title', doc->>'description', doc->>'proposal',
                    doc->>'decision', doc->>'outcome', doc->'vote', coalesce(doc->'disqualified', '[]'),
                    coalesce(doc->'earlier_handlings', '[]'), (doc->>'meeting_date')::date, (doc->>'section')::integer,
                    (doc->>'total_cents')::bigint, CASE WHEN doc->>'secrecy_basis' IS NULL THEN 'public' ELSE 'secret' END,
                    doc->>'secrecy_basis')
            RETURNING id INTO v_decision;
        ELSE
            DELETE FROM cost_share WHERE decision_id = replace_id;
            DELETE FROM deadline WHERE decision_id = replace_id;
            DELETE FROM contact WHERE decision_id = replace_id;
            UPDATE decision
               SET case_id = v_case_id, body_id = v_body_id, project_id = v_project_id, title = doc->>'title',
                   description = doc->>'description', proposal = doc->>'proposal', decision_text = doc->>'decision',
                   outcome = doc->>'outcome', vote = doc->'vote', disqualified = coalesce(doc->'disqualified', '[]'),
                   earlier_handlings = coalesce(doc->'earlier_handlings', '[]'), meeting_date = (doc->>'meeting_date')::date,
                   section = (doc->>'section')::integer, total_cents = (doc->>'total_cents')::bigint,
                   publicity = CASE WHEN doc->>'secrecy_basis' IS NULL THEN 'public' ELSE 'secret' END,
                   secrecy_basis = doc->>'secrecy_basis', version = version + 1
             WHERE id = replace_id
            RETURNING id, version INTO v_decision, v_version;
        END IF;
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
        resolved := person_for(org_id, item, create_missing);
        IF (resolved->>'created')::boolean THEN
            created := created || jsonb_build_object('kind', 'person', 'name', item->>'name', 'title', item->>'title');
        END IF;
        INSERT INTO contact (organization_id, decision_id, person_id, position, role)
        VALUES (org_id, v_decision, (resolved->>'id')::bigint, item_index, item->>'role');
    END LOOP;

    PERFORM append_event(
        org_id, CASE WHEN replace_id IS NULL THEN 'registered' ELSE 'edited' END, v_decision, existing.state, 'draft', NULL,
        jsonb_changes(before, decision_snapshot(v_decision))
            || CASE WHEN created = '[]' THEN '{}'::jsonb
                    ELSE jsonb_build_object('created', jsonb_build_object('before', NULL, 'after', created)) END);
    RETURN jsonb_build_object(
        'decision', jsonb_build_object(
            'id', v_decision, 'version', v_version, 'diary_number', doc->'case'->>'diary_number', 'title', doc->>'title',
            'body', doc->>'body', 'meeting_date', doc->>'meeting_date', 'section', (doc->>'section')::integer),
        'created', created);
END
$$;

-- Marks a deadline done (or not done again). Deadlines are tracked in every state.
CREATE FUNCTION pykala.set_deadline_done(p_organization text, p_deadline bigint, p_done boolean) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    changed deadline;
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF p_done IS NULL THEN
        RAISE EXCEPTION 'say whether the deadline is done (true) or open again (false)' USING ERRCODE = 'PK422';
    END IF;
    org_id := organization_id(p_organization);
    UPDATE deadline SET done_at = CASE WHEN p_done THEN coalesce(done_at, now()) END
     WHERE id = p_deadline AND organization_id = org_id RETURNING * INTO changed;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no deadline has id %', p_deadline
            USING ERRCODE = 'PK404', HINT = 'List them with `pykala deadlines`.';
    END IF;
    PERFORM append_event(org_id, CASE WHEN p_done THEN 'deadline_done' ELSE 'deadline_reopened' END, changed.decision_id,
                         NULL, NULL, NULL,
                         jsonb_build_object('deadline', jsonb_build_object('before', NULL, 'after',
                             jsonb_build_object('id', changed.id, 'kind', changed.kind, 'date', changed.due_date,
                                                'done', changed.done_at IS NOT NULL))));
    RETURN jsonb_build_object('id', changed.id, 'kind', changed.kind, 'date', changed.due_date, 'done', changed.done_at IS NOT NULL);
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.organization_id(text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.decision_snapshot(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.project_snapshot(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.organization_json(pykala.organization) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.add_organization(text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.add_body(text, text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.add_person(text, text, text, text, text, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.record_case(bigint, jsonb, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.case_json(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.open_case(text, text, text, integer, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.person_for(bigint, jsonb, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.project_for(bigint, jsonb, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.set_deadline_done(text, bigint, boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.new_items(text[], jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.write_decision(jsonb, boolean, bigint, integer) FROM PUBLIC;

GRANT EXECUTE ON FUNCTION pykala.organization_id(text) TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.add_organization(text, text, text) TO pykala_secretary, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.add_body(text, text, text, text) TO pykala_secretary, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.add_person(text, text, text, text, text, boolean) TO pykala_secretary, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.open_case(text, text, text, integer, jsonb) TO pykala_secretary, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.set_deadline_done(text, bigint, boolean) TO pykala_secretary, pykala_admin;
RESET ROLE;

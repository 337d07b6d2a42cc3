-- 0033 registration keeps its working tables for the transaction: open_registration() makes
-- them with the staging tables, and each call of register_staged_decisions empties and fills
-- them, instead of making five tables and dropping them again for every batch.
-- - Making and dropping a table writes and deletes its catalog rows (its class, type, array
--   type, columns and dependencies): with 2 000 documents a batch, about 16 ms a batch, and
--   some 1.5 s of a registration of 100 000 decisions (measured: 30.9 s in batches of 500
--   against 25.5 s in batches of 5 000, the difference in the function's own time).
-- - A table made in this transaction (and not under a savepoint since) is emptied in place by
--   TRUNCATE, without new catalog rows; under a caller's savepoint it gets new storage, which
--   is slower but the same. The rows, checks, events and answer are those of 0031.
-- - The working tables belong to the definer and no one else may touch them; a caller's own
--   table or view of one of their names is refused, as the staging tables' are (PK409).
SET LOCAL ROLE pykala_owner;

-- Whether this session's staging and working tables exist. Refuses one the definer does not
-- own: a caller's own table (or view) of that name would otherwise be read with the
-- definer's rights.
CREATE OR REPLACE FUNCTION pykala.staging_tables_are_ours() RETURNS boolean
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    foreign_table text;
BEGIN
    SELECT c.relname INTO foreign_table
      FROM pg_catalog.pg_class c
     WHERE c.relnamespace = pg_catalog.pg_my_temp_schema()
       AND c.relname IN ('staged_document', 'staged_cost_share', 'staged_deadline', 'staged_contact',
                         'registering_place', 'registering_created', 'registering_person', 'registering',
                         'registering_case')
       AND (c.relowner <> current_user::regrole OR c.relkind <> 'r')
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'pg_temp.% was not made by pykala.open_registration()', foreign_table
            USING ERRCODE = 'PK409', HINT = 'Drop it, or register from a new session.';
    END IF;
    RETURN to_regclass('pg_temp.staged_document') IS NOT NULL;
END
$$;

CREATE OR REPLACE FUNCTION pykala.open_registration() RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF staging_tables_are_ours() THEN
        TRUNCATE pg_temp.staged_document, pg_temp.staged_cost_share, pg_temp.staged_deadline, pg_temp.staged_contact,
                 pg_temp.registering_place, pg_temp.registering_created, pg_temp.registering_person, pg_temp.registering,
                 pg_temp.registering_case;
        RETURN;
    END IF;
    -- One row a document; n orders them (the answer, ids and events follow it). Money in
    -- cents, dates as dates; nothing is checked here that the stored rows check.
    CREATE TEMP TABLE staged_document (
        n integer, organization text, body text, diary_number text, running integer, classification text,
        case_year integer, case_title text, meeting_date date, section integer, title text, project jsonb,
        description text, proposal text, decision text, outcome text, vote jsonb, disqualified jsonb,
        earlier_handlings jsonb, total_cents bigint, secrecy_basis text) ON COMMIT DROP;
    -- A document's cost shares, deadlines and contacts, by the document's n and their position in it (from 0).
    CREATE TEMP TABLE staged_cost_share (n integer, position integer, year integer, amount_cents bigint, source text)
        ON COMMIT DROP;
    CREATE TEMP TABLE staged_deadline (n integer, position integer, kind text, due_date date, text text, done boolean)
        ON COMMIT DROP;
    CREATE TEMP TABLE staged_contact (n integer, position integer, role text, name text, title text, phone text,
                                      email text, private boolean) ON COMMIT DROP;
    -- Only this session sees its temporary tables.
    GRANT INSERT ON pg_temp.staged_document, pg_temp.staged_cost_share, pg_temp.staged_deadline, pg_temp.staged_contact
       TO PUBLIC;

    -- The working tables of register_staged_decisions, for one batch at a time (no grants).
    -- Each (organization, body) the documents name, with the first document that names it.
    CREATE TEMP TABLE registering_place (org_name text, body_name text, first integer, org_id bigint, body_id bigint)
        ON COMMIT DROP;
    -- What was created, for the result and each document's event: k keeps the order.
    CREATE TEMP TABLE registering_created (n integer NOT NULL, k bigserial, item jsonb NOT NULL) ON COMMIT DROP;
    -- Each distinct contact's person (its fields but the role) and the person it is.
    CREATE TEMP TABLE registering_person (org_id bigint NOT NULL, name text, title text, phone text, email text,
                                          private boolean, person_id bigint NOT NULL) ON COMMIT DROP;
    -- Each document with the ids it resolves to.
    CREATE TEMP TABLE registering (LIKE pg_temp.staged_document, org_id bigint, body_id bigint, case_id bigint,
                                   project_id bigint, decision_id bigint) ON COMMIT DROP;
    -- Each new case number, with the first document that gives it.
    CREATE TEMP TABLE registering_case (n integer, org_id bigint, diary_number text, running integer,
                                        classification text, year integer, title text, id bigint, opened boolean)
        ON COMMIT DROP;
END
$$;

-- One step of the chain: the hash of the last hash (the head's, first) and a payload, as
-- chain_payloads (0019) computes it.
CREATE FUNCTION pykala.chain_step(last text, head_hash text, payload text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(coalesce(last, head_hash) || E'\n' || payload, 'UTF8')), 'hex');
END
$$;
-- The hash of a run of payloads chained after head_hash: as a window function over the
-- events in their order (ROWS UNBOUNDED PRECEDING), each event's own hash.
CREATE AGGREGATE pykala.chained_hash(head_hash text, payload text) (SFUNC = pykala.chain_step, STYPE = text);
REVOKE EXECUTE ON FUNCTION pykala.chain_step(text, text, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.chained_hash(text, text) FROM PUBLIC;

CREATE OR REPLACE FUNCTION pykala.register_staged_decisions(create_missing boolean DEFAULT false) RETURNS json
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp
    SET work_mem = '64MB' SET jit = off SET enable_seqscan = off AS $$
DECLARE
    item          record;
    v_org         bigint;
    v_body_id     bigint;
    body_kind     text;
    resolved      jsonb;
    head          text;
    first_seq     bigint;
    head_hash     text;
    appended      bigint;
    result        json;
    stored_shares    bigint;
    stored_deadlines bigint;
    stored_contacts  bigint;
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF NOT staging_tables_are_ours() THEN
        RAISE EXCEPTION 'nothing is staged'
            USING ERRCODE = 'PK422', HINT = 'Call pykala.open_registration() and COPY the documents into its tables first.';
    END IF;
    -- The working tables hold one batch: the last call's is emptied.
    TRUNCATE pg_temp.registering_place, pg_temp.registering_created, pg_temp.registering_person, pg_temp.registering,
             pg_temp.registering_case;

    -- Each document is staged once, with a number (that each share, deadline and contact
    -- belongs to one is checked by counting what is stored of them).
    SELECT d.n, count(*) AS times INTO item FROM pg_temp.staged_document d
     GROUP BY d.n HAVING d.n IS NULL OR count(*) > 1 ORDER BY d.n NULLS FIRST LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '%', CASE WHEN item.n IS NULL THEN 'a document is staged without a number'
                                  ELSE format('document %s is staged %s times', item.n, item.times) END
            USING ERRCODE = 'PK422', HINT = 'Give each staged document its own n.';
    END IF;
    -- A deadline's position orders it (its id and its place in the event) and is not stored:
    -- within a document, each is given once. (Shares' and contacts' are kept by their tables.)
    SELECT l.n, l.position INTO item FROM pg_temp.staged_deadline l
     GROUP BY l.n, l.position HAVING l.position IS NULL OR count(*) > 1 ORDER BY l.n, l.position NULLS FIRST LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'document % has %', item.n,
                        CASE WHEN item.position IS NULL THEN 'a deadline without a position'
                             ELSE format('two deadlines at position %s', item.position) END
            USING ERRCODE = 'PK422', HINT = 'Number each document''s deadlines 0, 1, 2 … in their order.';
    END IF;

    -- Each (organization, body) the documents name, with the first document that names it.
    INSERT INTO pg_temp.registering_place (org_name, body_name, first)
    SELECT d.organization, d.body, min(d.n)
      FROM pg_temp.staged_document d
     GROUP BY 1, 2;

    -- Organizations, in the order the documents first name them.
    FOR item IN SELECT p.org_name AS name, min(p.first) AS first FROM pg_temp.registering_place p GROUP BY 1 ORDER BY 2 LOOP
        IF item.name IS NULL THEN
            v_org := organization_id(NULL);
        ELSE
            SELECT id INTO v_org FROM organization WHERE name = item.name OR name_sv = item.name
             ORDER BY name = item.name DESC LIMIT 1;
            IF NOT FOUND THEN
                IF NOT create_missing THEN
                    RAISE EXCEPTION 'organization "%" does not exist', item.name
                        USING ERRCODE = 'PK404', HINT = 'Check the spelling, or register with --create-missing to create it.';
                END IF;
                INSERT INTO organization (name) VALUES (item.name) RETURNING id INTO v_org;
                INSERT INTO pg_temp.registering_created (n, item)
                VALUES (item.first, jsonb_build_object('kind', 'organization', 'name', item.name));
                PERFORM append_event(v_org, 'organization_added', NULL, NULL, NULL, NULL,
                                     jsonb_changes(NULL, jsonb_build_object('name', item.name)));
            END IF;
        END IF;
        UPDATE pg_temp.registering_place p SET org_id = v_org WHERE p.org_name IS NOT DISTINCT FROM item.name;
    END LOOP;

    -- Bodies, by name or Swedish name within the organization.
    FOR item IN SELECT p.org_id, p.body_name AS name, min(p.first) AS first FROM pg_temp.registering_place p
                 GROUP BY 1, 2 ORDER BY 3 LOOP
        SELECT id INTO v_body_id FROM body
         WHERE organization_id = item.org_id AND (name = item.name OR name_sv = item.name)
         ORDER BY name = item.name DESC LIMIT 1;
        IF NOT FOUND THEN
            IF NOT create_missing THEN
                RAISE EXCEPTION 'body "%" does not exist', item.name
                    USING ERRCODE = 'PK404', HINT = 'Check the spelling, add it with `pykala body add`, or register with --create-missing.';
            END IF;
            body_kind := CASE WHEN item.name ~* 'valtuusto|fullmäktige' THEN 'council'
                              WHEN item.name ~* 'hallitus|styrelse' THEN 'board'
                              ELSE 'committee' END;
            INSERT INTO body (organization_id, name, kind) VALUES (item.org_id, item.name, body_kind) RETURNING id INTO v_body_id;
            INSERT INTO pg_temp.registering_created (n, item)
            VALUES (item.first, jsonb_build_object('kind', 'body', 'name', item.name, 'body_kind', body_kind));
            PERFORM append_event(item.org_id, 'body_added', NULL, NULL, NULL, NULL,
                                 jsonb_changes(NULL, jsonb_build_object('name', item.name, 'kind', body_kind)));
        END IF;
        UPDATE pg_temp.registering_place p SET body_id = v_body_id
         WHERE p.org_id = item.org_id AND p.body_name IS NOT DISTINCT FROM item.name;
    END LOOP;

    -- Each document with the ids it resolves to and the case its number already has (looked
    -- up by index, one document at a time); decision ids drawn in document order (the
    -- sequence is called after the sort).
    INSERT INTO pg_temp.registering
    SELECT d.*, p.org_id, p.body_id,
           (SELECT c.id FROM "case" c WHERE c.organization_id = p.org_id AND c.diary_number = d.diary_number) AS case_id,
           NULL, nextval('pykala.decision_id_seq')
      FROM pg_temp.staged_document d
      JOIN pg_temp.registering_place p
        ON p.org_name IS NOT DISTINCT FROM d.organization AND p.body_name IS NOT DISTINCT FROM d.body
     ORDER BY d.n;
    ANALYZE pg_temp.registering;

    -- Projects, each document's in turn: project_for completes them with what each adds.
    FOR item IN SELECT r.n, r.org_id, r.project FROM pg_temp.registering r WHERE r.project->>'name' IS NOT NULL ORDER BY r.n LOOP
        resolved := project_for(item.org_id, item.project, create_missing);
        UPDATE pg_temp.registering r SET project_id = (resolved->>'id')::bigint WHERE r.n = item.n;
        INSERT INTO pg_temp.registering_created (n, item)
        SELECT item.n, created.value FROM jsonb_array_elements(resolved->'created') WITH ORDINALITY AS created(value, k) ORDER BY k;
    END LOOP;

    -- People, once per distinct contact (its fields but the role), in the order the contacts
    -- first appear.
    FOR item IN SELECT r.org_id, c.name, c.title, c.phone, c.email, c.private, min(ARRAY[r.n, c.position]) AS first
                  FROM pg_temp.staged_contact c JOIN pg_temp.registering r ON r.n = c.n
                 GROUP BY 1, 2, 3, 4, 5, 6
                 ORDER BY 7 LOOP
        resolved := person_for(item.org_id, person_fields(item.name, item.title, item.phone, item.email, item.private),
                               create_missing);
        INSERT INTO pg_temp.registering_person
        VALUES (item.org_id, item.name, item.title, item.phone, item.email, item.private, (resolved->>'id')::bigint);
        IF (resolved->>'created')::boolean THEN
            INSERT INTO pg_temp.registering_created (n, item)
            VALUES (item.first[1], jsonb_build_object('kind', 'person', 'name', item.name, 'title', item.title));
        END IF;
    END LOOP;

    -- Cases: each new number is recorded once, by the first document that gives it (and its
    -- title when the case has none of its own), with an id drawn here in document order;
    -- `opened` marks those this call inserted.
    INSERT INTO pg_temp.registering_case (n, org_id, diary_number, running, classification, year, title, id, opened)
    SELECT first.*, nextval('pykala.case_id_seq'), true
      FROM (SELECT DISTINCT ON (r.org_id, r.diary_number)
                   r.n, r.org_id, r.diary_number, r.running, r.classification, r.case_year, coalesce(r.case_title, r.title)
              FROM pg_temp.registering r
             WHERE r.case_id IS NULL AND r.diary_number IS NOT NULL
             ORDER BY r.org_id, r.diary_number, r.n) AS first
     ORDER BY first.n;
    BEGIN
        -- Usually no one else has these numbers: one plain insert of them all.
        INSERT INTO "case" (id, organization_id, diary_number, running, classification, year, title) OVERRIDING SYSTEM VALUE
        SELECT nc.id, nc.org_id, nc.diary_number, nc.running, nc.classification, nc.year, nc.title
          FROM pg_temp.registering_case nc ORDER BY nc.n;
    EXCEPTION WHEN unique_violation THEN
        -- A number opened by someone else at the same moment, or a running number taken:
        -- those numbers that are still free are opened, and the documents of the others join
        -- their case (a running number taken is refused).
        BEGIN
            UPDATE pg_temp.registering_case SET opened = false;
            WITH inserted AS (
                INSERT INTO "case" (id, organization_id, diary_number, running, classification, year, title) OVERRIDING SYSTEM VALUE
                SELECT nc.id, nc.org_id, nc.diary_number, nc.running, nc.classification, nc.year, nc.title
                  FROM pg_temp.registering_case nc ORDER BY nc.n
                ON CONFLICT (organization_id, diary_number) DO NOTHING
                RETURNING id)
            UPDATE pg_temp.registering_case nc SET opened = true FROM inserted WHERE inserted.id = nc.id;
        EXCEPTION WHEN unique_violation THEN
            SELECT nc.running, nc.year INTO item
              FROM pg_temp.registering_case nc
             WHERE nc.running IS NOT NULL
               AND (EXISTS (SELECT 1 FROM "case" x WHERE x.organization_id = nc.org_id AND x.year = nc.year
                                                      AND x.running = nc.running)
                    OR EXISTS (SELECT 1 FROM pg_temp.registering_case y
                                WHERE y.org_id = nc.org_id AND y.n < nc.n AND y.year = nc.year AND y.running = nc.running))
             ORDER BY nc.n LIMIT 1;
            RAISE EXCEPTION 'the running number % of % is already taken by another case', item.running, item.year
                USING ERRCODE = 'PK409', HINT = 'Running numbers are unique per organization and year; see `pykala case list`.';
        END;
        UPDATE pg_temp.registering_case nc
           SET id = (SELECT c.id FROM "case" c WHERE c.organization_id = nc.org_id AND c.diary_number = nc.diary_number)
         WHERE NOT nc.opened;
    END;
    INSERT INTO diary_counter AS counter (organization_id, year, last_running)
    SELECT nc.org_id, nc.year, max(nc.running)
      FROM pg_temp.registering_case nc
     WHERE nc.opened AND nc.running IS NOT NULL
     GROUP BY 1, 2
    ON CONFLICT (organization_id, year) DO UPDATE SET last_running = greatest(counter.last_running, EXCLUDED.last_running);

    -- The cost shares must add up to the total, when both are given.
    SELECT r.n, sums.total AS shares, r.total_cents AS total INTO item
      FROM (SELECT s.n, sum(s.amount_cents)::bigint AS total FROM pg_temp.staged_cost_share s GROUP BY s.n) AS sums
      JOIN pg_temp.registering r ON r.n = sums.n
     WHERE sums.total IS NOT NULL AND r.total_cents IS NOT NULL AND sums.total <> r.total_cents
     ORDER BY r.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the cost shares add up to %, but the total is %', format_euros(item.shares), format_euros(item.total)
            USING ERRCODE = 'PK422';
    END IF;

    BEGIN
        INSERT INTO decision (id, organization_id, case_id, body_id, project_id, title, description, proposal,
                              decision_text, outcome, vote, disqualified, earlier_handlings, meeting_date, section,
                              total_cents, publicity, secrecy_basis)
        OVERRIDING SYSTEM VALUE
        SELECT r.decision_id, r.org_id, coalesce(r.case_id, nc.id), r.body_id, r.project_id, r.title, r.description,
               r.proposal, r.decision, r.outcome, r.vote, coalesce(r.disqualified, '[]'), coalesce(r.earlier_handlings, '[]'),
               r.meeting_date, r.section, r.total_cents, CASE WHEN r.secrecy_basis IS NULL THEN 'public' ELSE 'secret' END,
               r.secrecy_basis
          FROM pg_temp.registering r
          LEFT JOIN pg_temp.registering_case nc
            ON r.case_id IS NULL AND nc.org_id = r.org_id AND nc.diary_number = r.diary_number
         ORDER BY r.n;
    EXCEPTION WHEN unique_violation THEN
        -- Name the first document whose § its body already has that year, here or earlier in the file.
        SELECT r.body, r.section, extract(year FROM r.meeting_date) AS year INTO item
          FROM pg_temp.registering r
         WHERE r.section IS NOT NULL
           AND (EXISTS (SELECT 1 FROM decision d
                         WHERE d.body_id = r.body_id AND d.section = r.section
                           AND extract(year FROM d.meeting_date) = extract(year FROM r.meeting_date))
                OR EXISTS (SELECT 1 FROM pg_temp.registering e
                            WHERE e.n < r.n AND e.body_id = r.body_id AND e.section = r.section
                              AND extract(year FROM e.meeting_date) = extract(year FROM r.meeting_date)))
         ORDER BY r.n LIMIT 1;
        RAISE EXCEPTION '% already has a § % in %', item.body, item.section, item.year
            USING ERRCODE = 'PK409', HINT = 'See it with `pykala decision show`; § numbers run per body and year.';
    END;

    INSERT INTO cost_share (organization_id, decision_id, position, year, amount_cents, source)
    SELECT r.org_id, r.decision_id, s.position, s.year, s.amount_cents, s.source
      FROM pg_temp.staged_cost_share s JOIN pg_temp.registering r ON r.n = s.n;
    GET DIAGNOSTICS stored_shares = ROW_COUNT;

    INSERT INTO deadline (organization_id, decision_id, kind, due_date, text, done_at)
    SELECT r.org_id, r.decision_id, l.kind, l.due_date, l.text, CASE WHEN l.done THEN now() END
      FROM pg_temp.staged_deadline l JOIN pg_temp.registering r ON r.n = l.n
     ORDER BY r.n, l.position;
    GET DIAGNOSTICS stored_deadlines = ROW_COUNT;

    INSERT INTO contact (organization_id, decision_id, person_id, position, role)
    SELECT r.org_id, r.decision_id, p.person_id, c.position, c.role
      FROM pg_temp.staged_contact c
      JOIN pg_temp.registering r ON r.n = c.n
      -- The same fields, a missing one matching only a missing one (written so that it can be hashed).
      JOIN pg_temp.registering_person p
        ON p.org_id = r.org_id AND p.name = c.name
       AND coalesce(p.title, '') = coalesce(c.title, '') AND (p.title IS NULL) = (c.title IS NULL)
       AND coalesce(p.phone, '') = coalesce(c.phone, '') AND (p.phone IS NULL) = (c.phone IS NULL)
       AND coalesce(p.email, '') = coalesce(c.email, '') AND (p.email IS NULL) = (c.email IS NULL)
       AND coalesce(p.private, false) = coalesce(c.private, false) AND (p.private IS NULL) = (c.private IS NULL);
    GET DIAGNOSTICS stored_contacts = ROW_COUNT;
    -- Each staged share, deadline and contact was stored, or it belongs to no staged document.
    IF stored_shares + stored_deadlines + stored_contacts <> (SELECT count(*) FROM pg_temp.staged_cost_share)
                                                             + (SELECT count(*) FROM pg_temp.staged_deadline)
                                                             + (SELECT count(*) FROM pg_temp.staged_contact) THEN
        SELECT x.n INTO item
          FROM (SELECT s.n FROM pg_temp.staged_cost_share s UNION SELECT l.n FROM pg_temp.staged_deadline l
                UNION SELECT c.n FROM pg_temp.staged_contact c EXCEPT SELECT d.n FROM pg_temp.staged_document d) AS x
         LIMIT 1;
        RAISE EXCEPTION 'a cost share, deadline or contact is staged for document %, which is not staged',
                        coalesce(item.n::text, 'without a number')
            USING ERRCODE = 'PK422', HINT = 'Stage the document in pg_temp.staged_document, with the same n.';
    END IF;

    INSERT INTO decision_history (organization_id, decision_id, action, to_state, version_after)
    SELECT r.org_id, r.decision_id, 'register', 'draft', 1 FROM pg_temp.registering r;

    -- The events: each new case's case_opened, then its decision's registered, document by
    -- document, written from the values just stored (the same values, not read back). Each
    -- payload is the text jsonb gives the object append_event builds (same keys, in jsonb's
    -- order), written as text directly. They are chained and inserted in one statement: each
    -- hash is chained_hash's running value, in the events' order (no arrays in between).
    head := lock_event_head();
    first_seq := split_part(head, ':', 1)::bigint;
    head_hash := split_part(head, ':', 2);
    -- From the inside out: the events (events), numbered and timed (e), their payloads (p),
    -- each one's hash (c), the hash before it; ordered by (n, sub), the order they come in.
    INSERT INTO event (seq, organization_id, decision_id, at, payload, prev_hash, hash)
    SELECT first_seq + c.position, c.organization_id, c.decision_id, c.at, c.payload,
           coalesce(lag(c.hash) OVER (ORDER BY c.n, c.sub), head_hash), c.hash
      FROM (SELECT p.*, chained_hash(head_hash, p.payload) OVER (ORDER BY p.n, p.sub ROWS UNBOUNDED PRECEDING) AS hash
              FROM (SELECT e.n, e.sub, e.position, e.organization_id, e.decision_id, e.at,
                           event_payload_text(first_seq + e.position, e.at, session_user, e.kind, e.organization_id,
                                              e.decision_id, e.to_state, e.changes) AS payload
                      FROM (SELECT events.n, events.sub, row_number() OVER (ORDER BY events.n, events.sub) AS position,
                                   clock_timestamp() AS at, events.organization_id, events.decision_id, events.kind,
                                   events.to_state, events.changes
                              FROM (SELECT nc.n, 0 AS sub, nc.org_id AS organization_id, NULL::bigint AS decision_id, 'case_opened' AS kind,
                                           NULL::text AS to_state,
                                           '{' || concat_ws(', ', added_entry('id', nc.id::text),
                                               added_entry('year', nc.year::text),
                                               added_entry('title', to_json(nc.title)::text),
                                               added_entry('running', nc.running::text),
                                               added_entry('diary_number', to_json(nc.diary_number)::text),
                                               added_entry('classification', to_json(nc.classification)::text)) || '}' AS changes
                                      FROM pg_temp.registering_case nc
                                     WHERE nc.opened
                                    UNION ALL
                                    SELECT r.n, 1, r.org_id, r.decision_id, 'registered', 'draft',
                                           '{' || concat_ws(', ', added_entry('body', to_json(b.name)::text),
                                               added_entry('vote', r.vote::text),
                                               added_entry('title', to_json(r.title)::text),
                                               added_entry('created', created.list::text),
                                               added_entry('outcome', to_json(r.outcome)::text),
                                               added_entry('project', CASE WHEN r.project_id IS NOT NULL
                                                   THEN to_json((SELECT p.name FROM project p WHERE p.id = r.project_id))::text END),
                                               added_entry('section', r.section::text),
                                               added_entry('contacts', coalesce(contacts.list, '[]')),
                                               added_entry('decision', to_json(r.decision)::text),
                                               added_entry('proposal', to_json(r.proposal)::text),
                                               added_entry('deadlines', coalesce(deadlines.list, '[]')),
                                               added_entry('publicity', CASE WHEN r.secrecy_basis IS NULL THEN '"public"' ELSE '"secret"' END),
                                               added_entry('cost_shares', coalesce(shares.list, '[]')),
                                               added_entry('description', to_json(r.description)::text),
                                               added_entry('total_cents', r.total_cents::text),
                                               added_entry('diary_number', to_json(r.diary_number)::text),
                                               added_entry('disqualified', coalesce(r.disqualified, '[]')::text),
                                               added_entry('meeting_date', to_json(r.meeting_date)::text),
                                               added_entry('secrecy_basis', to_json(r.secrecy_basis)::text),
                                               added_entry('earlier_handlings', coalesce(r.earlier_handlings, '[]')::text)) || '}'
                                      FROM pg_temp.registering r
                                      JOIN body b ON b.id = r.body_id
                                      -- A contact's name is its person's (person_for finds people by name).
                                      LEFT JOIN (SELECT c.n, '[' || string_agg('{"name": ' || to_json(c.name)::text || ', "role": '
                                                                               || to_json(c.role)::text || '}', ', ' ORDER BY c.position) || ']'
                                                   FROM pg_temp.staged_contact c GROUP BY c.n) AS contacts(n, list) ON contacts.n = r.n
                                      -- Same-day deadlines in their document order, as their ids have it.
                                      LEFT JOIN (SELECT l.n, '[' || string_agg('{"date": ' || to_json(l.due_date)::text
                                                                               || ', "done": ' || (l.done IS TRUE)::text
                                                                               || ', "kind": ' || to_json(l.kind)::text
                                                                               || ', "text": ' || coalesce(to_json(l.text)::text, 'null') || '}',
                                                                               ', ' ORDER BY l.due_date, l.position) || ']'
                                                   FROM pg_temp.staged_deadline l GROUP BY l.n) AS deadlines(n, list) ON deadlines.n = r.n
                                      LEFT JOIN (SELECT s.n, '[' || string_agg('{"year": ' || s.year || ', "source": '
                                                                               || coalesce(to_json(s.source)::text, 'null')
                                                                               || ', "amount_cents": ' || s.amount_cents || '}',
                                                                               ', ' ORDER BY s.position) || ']'
                                                   FROM pg_temp.staged_cost_share s GROUP BY s.n) AS shares(n, list) ON shares.n = r.n
                                      LEFT JOIN (SELECT rc.n, jsonb_agg(rc.item ORDER BY rc.k) AS list
                                                   FROM pg_temp.registering_created rc GROUP BY rc.n) AS created ON created.n = r.n
                                   ) AS events
                           ) AS e
                    -- OFFSET 0: each payload is built once, not again for its hash.
                    OFFSET 0) AS p
           ) AS c
     ORDER BY c.n, c.sub;
    GET DIAGNOSTICS appended = ROW_COUNT;
    IF appended > 0 THEN
        UPDATE event_head SET last_seq = first_seq + appended,
                              last_hash = (SELECT v.hash FROM event v WHERE v.seq = first_seq + appended)
         WHERE id = 1;
    END IF;

    -- The answer's objects written as text, as in the events, and given as json (not parsed into jsonb).
    SELECT json_build_object(
               'decisions', coalesce(('[' || string_agg(format(
                   '{"id": %s, "body": %s, "title": %s, "section": %s, "version": 1, "diary_number": %s, "meeting_date": %s}',
                   r.decision_id::text, coalesce(to_json(r.body)::text, 'null'), coalesce(to_json(r.title)::text, 'null'),
                   coalesce(r.section::text, 'null'), coalesce(to_json(r.diary_number)::text, 'null'),
                   coalesce(to_json(r.meeting_date)::text, 'null')), ', ' ORDER BY r.n) || ']')::json, '[]'),
               'created', (SELECT coalesce(json_agg(rc.item ORDER BY rc.n, rc.k), '[]') FROM pg_temp.registering_created rc))
      INTO result
      FROM pg_temp.registering r;

    -- What is staged is registered: the next batch starts empty.
    TRUNCATE pg_temp.staged_document, pg_temp.staged_cost_share, pg_temp.staged_deadline, pg_temp.staged_contact;
    RETURN result;
END
$$;

RESET ROLE;

-- 0016 registration in batches: the client now sends a file 2 000 documents per call, in
-- one transaction. The events' statement joined the batch to whole tables (decision, case,
-- cost_share, deadline, contact) with hash joins, so every batch read all the rows earlier
-- batches had written: 100 000 decisions in 50 batches read about 40 million rows. Each
-- document now looks up its own rows by index (a lateral subquery that the planner cannot
-- flatten, OFFSET 0, and correlated subqueries), so a batch costs the same however many
-- decisions the register holds. Its sort had spilled to disk (work_mem 4 MB): the function
-- runs with 64 MB, which a batch of 2 000 needs less than a quarter of. And without JIT:
-- the lookups' estimated cost made PostgreSQL compile the statement with LLVM for every
-- batch, 360 ms each time, for a statement that then runs in 150 ms.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.register_decisions(documents jsonb, create_missing boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp
    SET work_mem = '64MB' SET jit = off AS $$
DECLARE
    item      record;
    v_org     bigint;
    v_body_id bigint;
    body_kind text;
    resolved  jsonb;
    head      text;
    result    jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF jsonb_typeof(documents) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'documents must be a JSON array' USING ERRCODE = 'PK422';
    END IF;
    IF to_regclass('pg_temp.registering') IS NOT NULL THEN
        DROP TABLE IF EXISTS pg_temp.registering, pg_temp.registering_created, pg_temp.registering_person,
                   pg_temp.registering_case, pg_temp.registering_event;
    END IF;

    -- Each document with the ids it resolves to; decision ids drawn in document order.
    CREATE TEMP TABLE registering ON COMMIT DROP AS
    SELECT t.n::integer AS n, t.doc, NULL::bigint AS org_id, NULL::bigint AS body_id, NULL::bigint AS case_id,
           NULL::bigint AS project_id, nextval('pykala.decision_id_seq') AS decision_id
      FROM jsonb_array_elements(documents) WITH ORDINALITY AS t(doc, n);
    -- What was created, for the result and each document's event: k keeps the order.
    CREATE TEMP TABLE registering_created (n integer NOT NULL, k bigserial, item jsonb NOT NULL) ON COMMIT DROP;
    CREATE TEMP TABLE registering_person (org_id bigint NOT NULL, person jsonb NOT NULL, person_id bigint NOT NULL,
                                          PRIMARY KEY (org_id, person)) ON COMMIT DROP;
    ANALYZE pg_temp.registering;

    -- Organizations, in the order the documents first name them.
    FOR item IN SELECT r.doc->>'organization' AS name, min(r.n) AS first FROM pg_temp.registering r GROUP BY 1 ORDER BY 2 LOOP
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
        UPDATE pg_temp.registering r SET org_id = v_org
         WHERE r.doc->>'organization' IS NOT DISTINCT FROM item.name;
    END LOOP;

    -- Bodies, by name or Swedish name within the organization.
    FOR item IN SELECT r.org_id, r.doc->>'body' AS name, min(r.n) AS first FROM pg_temp.registering r GROUP BY 1, 2 ORDER BY 3 LOOP
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
        UPDATE pg_temp.registering r SET body_id = v_body_id
         WHERE r.org_id = item.org_id AND r.doc->>'body' IS NOT DISTINCT FROM item.name;
    END LOOP;

    -- Projects, each document's in turn: project_for completes them with what each adds.
    FOR item IN SELECT r.n, r.org_id, r.doc->'project' AS project FROM pg_temp.registering r
                 WHERE r.doc->'project'->>'name' IS NOT NULL ORDER BY r.n LOOP
        resolved := project_for(item.org_id, item.project, create_missing);
        UPDATE pg_temp.registering r SET project_id = (resolved->>'id')::bigint WHERE r.n = item.n;
        INSERT INTO pg_temp.registering_created (n, item)
        SELECT item.n, created.value FROM jsonb_array_elements(resolved->'created') WITH ORDINALITY AS created(value, k) ORDER BY k;
    END LOOP;

    -- People, once per distinct contact, in the order the contacts first appear.
    FOR item IN SELECT firsts.org_id, firsts.person, firsts.n
                  FROM (SELECT DISTINCT ON (r.org_id, c.value - 'role') r.org_id, c.value - 'role' AS person, r.n, c.position
                          FROM pg_temp.registering r,
                               jsonb_array_elements(coalesce(r.doc->'contacts', '[]')) WITH ORDINALITY AS c(value, position)
                         ORDER BY r.org_id, c.value - 'role', r.n, c.position) AS firsts
                 ORDER BY firsts.n, firsts.position LOOP
        resolved := person_for(item.org_id, item.person, create_missing);
        INSERT INTO pg_temp.registering_person VALUES (item.org_id, item.person, (resolved->>'id')::bigint);
        IF (resolved->>'created')::boolean THEN
            INSERT INTO pg_temp.registering_created (n, item)
            VALUES (item.n, jsonb_build_object('kind', 'person', 'name', item.person->>'name', 'title', item.person->>'title'));
        END IF;
    END LOOP;

    -- Cases: existing numbers join their case; each new number is recorded once, by the first
    -- document that gives it (and its title when the case has none of its own).
    UPDATE pg_temp.registering r SET case_id = c.id
      FROM "case" c
     WHERE c.organization_id = r.org_id AND c.diary_number = r.doc->'case'->>'diary_number';
    CREATE TEMP TABLE registering_case ON COMMIT DROP AS
    SELECT DISTINCT ON (r.org_id, r.doc->'case'->>'diary_number')
           r.n, r.org_id, r.doc->'case' AS c, coalesce(r.doc->'case'->>'title', r.doc->>'title') AS title, NULL::bigint AS id
      FROM pg_temp.registering r
     WHERE r.case_id IS NULL AND r.doc->'case'->>'diary_number' IS NOT NULL
     ORDER BY r.org_id, r.doc->'case'->>'diary_number', r.n;
    BEGIN
        -- The same new number registered at the same moment by someone else joins their case.
        WITH inserted AS (
            INSERT INTO "case" (organization_id, diary_number, running, classification, year, title)
            SELECT nc.org_id, nc.c->>'diary_number', (nc.c->>'running')::integer, nc.c->>'classification',
                   (nc.c->>'year')::integer, nc.title
              FROM pg_temp.registering_case nc ORDER BY nc.n
            ON CONFLICT (organization_id, diary_number) DO NOTHING
            RETURNING id, organization_id, diary_number)
        UPDATE pg_temp.registering_case nc SET id = inserted.id
          FROM inserted WHERE inserted.organization_id = nc.org_id AND inserted.diary_number = nc.c->>'diary_number';
    EXCEPTION WHEN unique_violation THEN
        SELECT nc.c->>'running' AS running, nc.c->>'year' AS year INTO item
          FROM pg_temp.registering_case nc
         WHERE nc.c->>'running' IS NOT NULL
           AND (EXISTS (SELECT 1 FROM "case" x WHERE x.organization_id = nc.org_id AND x.year = (nc.c->>'year')::integer
                                                  AND x.running = (nc.c->>'running')::integer)
                OR EXISTS (SELECT 1 FROM pg_temp.registering_case y
                            WHERE y.org_id = nc.org_id AND y.n < nc.n
                              AND y.c->>'year' = nc.c->>'year' AND y.c->>'running' = nc.c->>'running'))
         ORDER BY nc.n LIMIT 1;
        RAISE EXCEPTION 'the running number % of % is already taken by another case', item.running, item.year
            USING ERRCODE = 'PK409', HINT = 'Running numbers are unique per organization and year; see `pykala case list`.';
    END;
    UPDATE pg_temp.registering r SET case_id = coalesce(nc.id, c.id)
      FROM pg_temp.registering_case nc
      LEFT JOIN "case" c ON nc.id IS NULL AND c.organization_id = nc.org_id AND c.diary_number = nc.c->>'diary_number'
     WHERE r.case_id IS NULL AND nc.org_id = r.org_id AND nc.c->>'diary_number' = r.doc->'case'->>'diary_number';
    INSERT INTO diary_counter AS counter (organization_id, year, last_running)
    SELECT nc.org_id, (nc.c->>'year')::integer, max((nc.c->>'running')::integer)
      FROM pg_temp.registering_case nc
     WHERE nc.id IS NOT NULL AND nc.c->>'running' IS NOT NULL
     GROUP BY 1, 2
    ON CONFLICT (organization_id, year) DO UPDATE SET last_running = greatest(counter.last_running, EXCLUDED.last_running);

    -- The cost shares must add up to the total, when both are given.
    SELECT r.n, sums.total AS shares, (r.doc->>'total_cents')::bigint AS total INTO item
      FROM pg_temp.registering r
      CROSS JOIN LATERAL (SELECT sum((s.value->>'amount_cents')::bigint)::bigint AS total
                            FROM jsonb_array_elements(coalesce(r.doc->'cost_shares', '[]')) AS s(value)) AS sums
     WHERE sums.total IS NOT NULL AND r.doc->>'total_cents' IS NOT NULL AND sums.total <> (r.doc->>'total_cents')::bigint
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
        SELECT r.decision_id, r.org_id, r.case_id, r.body_id, r.project_id, r.doc->>'title', r.doc->>'description',
               r.doc->>'proposal', r.doc->>'decision', r.doc->>'outcome', r.doc->'vote', coalesce(r.doc->'disqualified', '[]'),
               coalesce(r.doc->'earlier_handlings', '[]'), (r.doc->>'meeting_date')::date, (r.doc->>'section')::integer,
               (r.doc->>'total_cents')::bigint, CASE WHEN r.doc->>'secrecy_basis' IS NULL THEN 'public' ELSE 'secret' END,
               r.doc->>'secrecy_basis'
          FROM pg_temp.registering r ORDER BY r.n;
    EXCEPTION WHEN unique_violation THEN
        -- Name the first document whose § its body already has that year, here or earlier in the file.
        SELECT r.doc->>'body' AS body, r.doc->>'section' AS section,
               extract(year FROM (r.doc->>'meeting_date')::date) AS year INTO item
          FROM pg_temp.registering r
         WHERE r.doc->>'section' IS NOT NULL
           AND (EXISTS (SELECT 1 FROM decision d
                         WHERE d.body_id = r.body_id AND d.section = (r.doc->>'section')::integer
                           AND extract(year FROM d.meeting_date) = extract(year FROM (r.doc->>'meeting_date')::date))
                OR EXISTS (SELECT 1 FROM pg_temp.registering e
                            WHERE e.n < r.n AND e.body_id = r.body_id AND e.doc->>'section' = r.doc->>'section'
                              AND extract(year FROM (e.doc->>'meeting_date')::date)
                                  = extract(year FROM (r.doc->>'meeting_date')::date)))
         ORDER BY r.n LIMIT 1;
        RAISE EXCEPTION '% already has a § % in %', item.body, item.section, item.year
            USING ERRCODE = 'PK409', HINT = 'See it with `pykala decision show`; § numbers run per body and year.';
    END;

    INSERT INTO cost_share (organization_id, decision_id, position, year, amount_cents, source)
    SELECT r.org_id, r.decision_id, s.position - 1, (s.value->>'year')::integer, (s.value->>'amount_cents')::bigint,
           s.value->>'source'
      FROM pg_temp.registering r,
           jsonb_array_elements(coalesce(r.doc->'cost_shares', '[]')) WITH ORDINALITY AS s(value, position)
     ORDER BY r.n, s.position;

    INSERT INTO deadline (organization_id, decision_id, kind, due_date, text, done_at)
    SELECT r.org_id, r.decision_id, l.value->>'kind', (l.value->>'date')::date, l.value->>'text',
           CASE WHEN (l.value->>'done')::boolean THEN now() END
      FROM pg_temp.registering r,
           jsonb_array_elements(coalesce(r.doc->'deadlines', '[]')) WITH ORDINALITY AS l(value, position)
     ORDER BY r.n, l.position;

    INSERT INTO contact (organization_id, decision_id, person_id, position, role)
    SELECT r.org_id, r.decision_id, p.person_id, c.position - 1, c.value->>'role'
      FROM pg_temp.registering r
      CROSS JOIN LATERAL jsonb_array_elements(coalesce(r.doc->'contacts', '[]')) WITH ORDINALITY AS c(value, position)
      JOIN pg_temp.registering_person p ON p.org_id = r.org_id AND p.person = c.value - 'role'
     ORDER BY r.n, c.position;

    INSERT INTO decision_history (organization_id, decision_id, action, to_state, version_after)
    SELECT r.org_id, r.decision_id, 'register', 'draft', 1 FROM pg_temp.registering r ORDER BY r.n;

    -- The events: each new case's case_opened, then its decision's registered, document by document.
    -- Payloads as append_event builds them: the same keys, so jsonb's key order gives the same text.
    head := lock_event_head();
    CREATE TEMP TABLE registering_event ON COMMIT DROP AS
    SELECT numbered.position, numbered.at, numbered.organization_id, numbered.decision_id,
           jsonb_build_object(
               'seq', split_part(head, ':', 1)::bigint + numbered.position,
               'at', to_char(numbered.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'actor', session_user::text, 'on_behalf_of', NULL, 'kind', numbered.kind,
               'organization_id', numbered.organization_id, 'decision_id', numbered.decision_id,
               'from', NULL, 'to', numbered.to_state, 'comment', NULL, 'changes', numbered.changes)::text AS payload
      FROM (SELECT row_number() OVER (ORDER BY ordered.n, ordered.sub) AS position, clock_timestamp() AS at,
                   ordered.organization_id, ordered.decision_id, ordered.kind, ordered.to_state, ordered.changes
      FROM (SELECT nc.n, 0 AS sub, nc.org_id AS organization_id, NULL::bigint AS decision_id, 'case_opened' AS kind,
                   NULL::text AS to_state,
                   jsonb_build_object('id', added(c.id), 'diary_number', added(c.diary_number), 'running', added(c.running),
                                      'classification', added(c.classification), 'year', added(c.year), 'title', added(c.title))
                       AS changes
              FROM pg_temp.registering_case nc
              CROSS JOIN LATERAL (SELECT * FROM "case" x WHERE x.id = nc.id OFFSET 0) AS c
            UNION ALL
            SELECT r.n, 1, r.org_id, r.decision_id, 'registered', 'draft',
                   jsonb_build_object(
                       'title', added(d.title), 'body', added((SELECT b.name FROM body b WHERE b.id = d.body_id)),
                       'diary_number', added((SELECT c.diary_number FROM "case" c WHERE c.id = d.case_id)),
                       'project', added((SELECT p.name FROM project p WHERE p.id = d.project_id)),
                       'description', added(d.description), 'proposal', added(d.proposal),
                       'decision', added(d.decision_text), 'outcome', added(d.outcome), 'vote', added(d.vote),
                       'disqualified', added(d.disqualified), 'earlier_handlings', added(d.earlier_handlings),
                       'meeting_date', added(d.meeting_date), 'section', added(d.section), 'total_cents', added(d.total_cents),
                       'publicity', added(d.publicity), 'secrecy_basis', added(d.secrecy_basis),
                       'cost_shares', added(coalesce(
                           (SELECT jsonb_agg(jsonb_build_object('year', s.year, 'amount_cents', s.amount_cents, 'source', s.source)
                                             ORDER BY s.position)
                              FROM cost_share s WHERE s.decision_id = d.id), '[]')),
                       'deadlines', added(coalesce(
                           (SELECT jsonb_agg(jsonb_build_object('kind', l.kind, 'date', l.due_date, 'text', l.text,
                                                                'done', l.done_at IS NOT NULL) ORDER BY l.due_date, l.id)
                              FROM deadline l WHERE l.decision_id = d.id), '[]')),
                       'contacts', added(coalesce(
                           (SELECT jsonb_agg(jsonb_build_object('role', t.role, 'name', pe.name) ORDER BY t.position)
                              FROM contact t JOIN person pe ON pe.id = t.person_id WHERE t.decision_id = d.id), '[]')))
                   || CASE WHEN created.list IS NULL THEN '{}'::jsonb
                           ELSE jsonb_build_object('created', jsonb_build_object('before', NULL, 'after', created.list)) END
              FROM pg_temp.registering r
              CROSS JOIN LATERAL (SELECT * FROM decision x WHERE x.id = r.decision_id OFFSET 0) AS d
              LEFT JOIN (SELECT rc.n, jsonb_agg(rc.item ORDER BY rc.k) AS list FROM pg_temp.registering_created rc GROUP BY rc.n)
                   AS created ON created.n = r.n) AS ordered) AS numbered;
    PERFORM append_registering_events(head);

    SELECT jsonb_build_object(
               'decisions', coalesce(jsonb_agg(jsonb_build_object(
                   'id', r.decision_id, 'version', 1, 'diary_number', r.doc->'case'->>'diary_number', 'title', r.doc->>'title',
                   'body', r.doc->>'body', 'meeting_date', r.doc->>'meeting_date', 'section', (r.doc->>'section')::integer)
                   ORDER BY r.n), '[]'),
               'created', (SELECT coalesce(jsonb_agg(rc.item ORDER BY rc.n, rc.k), '[]') FROM pg_temp.registering_created rc))
      INTO result
      FROM pg_temp.registering r;
    RETURN result;
END
$$;

RESET ROLE;

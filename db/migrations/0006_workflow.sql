-- 0006 workflow: versioned workflow definitions, each decision pinned to the version it
-- started on, race-free transitions that check role, guards and the expected version
-- inside the database, and the history of every transition. Appeal periods are computed
-- here as in pykala's Swift calculator (a test compares the two day by day).
SET LOCAL ROLE pykala_owner;

CREATE TABLE pykala.workflow (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    name            text NOT NULL CHECK (name ~ '^[a-z0-9-]{1,60}$'),
    version         integer NOT NULL CHECK (version > 0),
    -- SHA-256 of the YAML source, hex.
    content_hash    text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    definition      jsonb NOT NULL CHECK (coalesce(definition->>'name' = name AND definition->>'initial' = 'draft'
                                                   AND jsonb_typeof(definition->'states') = 'array'
                                                   AND jsonb_typeof(definition->'transitions') = 'array', false)),
    source          text NOT NULL CHECK (length(source) <= 1000000),
    loaded_at       timestamptz NOT NULL DEFAULT now(),
    loaded_by       text NOT NULL DEFAULT session_user,
    UNIQUE (organization_id, name, version),
    UNIQUE (organization_id, name, content_hash)
);

ALTER TABLE pykala.decision ADD COLUMN workflow_id bigint REFERENCES pykala.workflow (id);

-- Every change of a decision's state or content, in order. Written only by the functions.
CREATE TABLE pykala.decision_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    decision_id     bigint NOT NULL REFERENCES pykala.decision (id),
    workflow_id     bigint REFERENCES pykala.workflow (id),
    action          text NOT NULL CHECK (action ~ '^[a-z_]{1,40}$'),
    from_state      text CHECK (from_state ~ '^[a-z_]{1,40}$'),
    to_state        text NOT NULL CHECK (to_state ~ '^[a-z_]{1,40}$'),
    version_after   integer NOT NULL CHECK (version_after > 0),
    actor           text NOT NULL DEFAULT session_user,
    on_behalf_of    text,
    comment         text CHECK (pykala.is_clean_text(comment, 2000)),
    at              timestamptz NOT NULL DEFAULT now(),
    -- A retried request finds its first result here instead of acting twice.
    request_id      uuid UNIQUE
);
CREATE INDEX decision_history_decision_idx ON pykala.decision_history (decision_id, id);

GRANT SELECT ON pykala.workflow, pykala.decision_history TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- Easter Sunday (Gregorian; Meeus/Jones/Butcher), as FinnishHolidays.easterSunday.
CREATE FUNCTION pykala.easter_sunday(y integer) RETURNS date
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    a integer := y % 19;
    b integer := y / 100;
    c integer := y % 100;
    d integer := b / 4;
    e integer := b % 4;
    f integer := (b + 8) / 25;
    g integer := (b - f + 1) / 3;
    h integer := (19 * a + b - d - g + 15) % 30;
    i integer := c / 4;
    k integer := c % 4;
    l integer := (32 + 2 * e + 2 * i - h - k) % 7;
    m integer := (a + 11 * h + 22 * l) / 451;
BEGIN
    RETURN make_date(y, (h + l - 7 * m + 114) / 31, (h + l - 7 * m + 114) % 31 + 1);
END
$$;

-- The holiday on a day (by its Finnish name), or NULL; as FinnishHolidays.holiday(on:).
CREATE FUNCTION pykala.finnish_holiday(day date) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pykala, pg_temp AS $$
DECLARE
    m       integer := extract(month FROM day);
    dom     integer := extract(day FROM day);
    weekday integer := extract(isodow FROM day);
    offset_ integer := day - easter_sunday(extract(year FROM day)::integer);
BEGIN
    RETURN CASE
        WHEN m = 1 AND dom = 1 THEN 'uudenvuodenpäivä'
        WHEN m = 1 AND dom = 6 THEN 'loppiainen'
        WHEN m = 5 AND dom = 1 THEN 'vapunpäivä'
        WHEN m = 12 AND dom = 6 THEN 'itsenäisyyspäivä'
        WHEN m = 12 AND dom = 24 THEN 'jouluaatto'
        WHEN m = 12 AND dom = 25 THEN 'joulupäivä'
        WHEN m = 12 AND dom = 26 THEN 'tapaninpäivä'
        WHEN offset_ = -2 THEN 'pitkäperjantai'
        WHEN offset_ = 0 THEN 'pääsiäispäivä'
        WHEN offset_ = 1 THEN 'toinen pääsiäispäivä'
        WHEN offset_ = 39 THEN 'helatorstai'
        WHEN offset_ = 49 THEN 'helluntaipäivä'
        WHEN m = 6 AND dom BETWEEN 20 AND 26 AND weekday = 6 THEN 'juhannuspäivä'
        WHEN m = 6 AND dom BETWEEN 19 AND 25 AND weekday = 5 THEN 'juhannusaatto'
        WHEN ((m = 10 AND dom = 31) OR (m = 11 AND dom <= 6)) AND weekday = 6 THEN 'pyhäinpäivä'
    END;
END
$$;

-- The last day for a request for rectification: notice on the 7th day after publication
-- (3rd for e-mail, 7th for post), plus 14 days, moved to the next working day.
CREATE FUNCTION pykala.rectification_last_day(published date, notice text DEFAULT 'public') RETURNS date
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET search_path = pykala, pg_temp AS $$
DECLARE
    last_day date := published + CASE notice WHEN 'email' THEN 3 ELSE 7 END + 14;
BEGIN
    WHILE extract(isodow FROM last_day) >= 6 OR finnish_holiday(last_day) IS NOT NULL LOOP
        last_day := last_day + 1;
    END LOOP;
    RETURN last_day;
END
$$;

-- The pykala roles of the caller: every role for a superuser.
CREATE FUNCTION pykala.caller_roles() RETURNS text[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp
    RETURN (SELECT CASE WHEN (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)
                        THEN ARRAY['secretary', 'manager', 'auditor', 'admin']
                        ELSE ARRAY(SELECT r FROM unnest(ARRAY['secretary', 'manager', 'auditor', 'admin']) AS r
                                    WHERE pg_catalog.pg_has_role(session_user, 'pykala_' || r, 'MEMBER'))
                   END);

-- "a manager", "an admin".
CREATE FUNCTION pykala.with_article(role text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN role ~ '^[aeiou]' THEN 'an ' ELSE 'a ' END || role;

-- Who the caller is, for messages: "secretary `anna`".
CREATE FUNCTION pykala.caller_description() RETURNS text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp
    RETURN format('%s `%s`', coalesce(nullif(array_to_string(pykala.caller_roles(), ' and '), ''), 'without a pykala role,'),
                  session_user);

-- As in 0003, with the article right and the caller's roles named.
CREATE OR REPLACE FUNCTION pykala.require_role(VARIADIC allowed text[]) RETURNS void
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    IF caller_roles() && allowed THEN
        RETURN;
    END IF;
    RAISE EXCEPTION 'only % may do this; you are %',
        (SELECT string_agg(with_article(r), ' or ') FROM unnest(allowed) AS r), caller_description()
        USING ERRCODE = 'PK401', HINT = 'Ask someone with that role, or an admin to grant it (`pykala user add`).';
END
$$;

-- Standing substitutes (sijainen): while valid, the deputy login may take the actions of
-- the login they substitute, and the history records both.
CREATE TABLE pykala.deputy (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    deputy_login    text NOT NULL CHECK (deputy_login ~ '^[a-z_][a-z0-9_.-]{0,62}$'),
    for_login       text NOT NULL CHECK (for_login ~ '^[a-z_][a-z0-9_.-]{0,62}$'),
    valid_from      date NOT NULL,
    valid_to        date NOT NULL,
    created_by      text NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_from <= valid_to),
    CHECK (deputy_login <> for_login)
);
GRANT SELECT ON pykala.deputy TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- Whom the caller acts for when taking an action open to `roles`: '' (themselves) when
-- they hold one of the roles, the login they substitute today when that login holds one,
-- NULL when neither.
CREATE FUNCTION pykala.acting_for(org_id bigint, roles jsonb) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    wanted text[] := ARRAY(SELECT jsonb_array_elements_text(roles));
    result text;
BEGIN
    IF caller_roles() && wanted THEN
        RETURN '';
    END IF;
    SELECT dp.for_login INTO result FROM deputy dp
     WHERE dp.organization_id = org_id AND dp.deputy_login = session_user
       AND (now() AT TIME ZONE 'Europe/Helsinki')::date BETWEEN dp.valid_from AND dp.valid_to
       AND EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = dp.for_login AND NOT rolsuper)
       AND EXISTS (SELECT 1 FROM unnest(wanted) AS r WHERE pg_catalog.pg_has_role(dp.for_login, 'pykala_' || r, 'MEMBER'))
     ORDER BY dp.id LIMIT 1;
    RETURN result;
END
$$;

-- Why the caller may not take a transition whose roles are `roles`, or NULL if they may
-- (themselves, or as a deputy).
CREATE FUNCTION pykala.role_refusal(org_id bigint, roles jsonb, action text) RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    IF acting_for(org_id, roles) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    RETURN format('only %s may %s; you are %s',
                  (SELECT string_agg(with_article(r), ' or ') FROM jsonb_array_elements_text(roles) AS r), action,
                  caller_description());
END
$$;

-- Records a deputy: `p_deputy` may act for `p_for` from `p_from` to `p_to`, both included.
CREATE FUNCTION pykala.add_deputy(p_organization text, p_deputy text, p_for text, p_from date, p_to date) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    added  deputy;
BEGIN
    -- Only an admin: a deputy gains the substituted user's powers.
    PERFORM require_role('admin');
    org_id := organization_id(p_organization);
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_for AND rolsuper) THEN
        RAISE EXCEPTION '"%" is a superuser, whom no one may stand in for', p_for USING ERRCODE = 'PK422';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_deputy AND rolcanlogin) THEN
        RAISE EXCEPTION 'there is no user "%"', p_deputy USING ERRCODE = 'PK404', HINT = 'Add them with `pykala user add`.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_for AND rolcanlogin) THEN
        RAISE EXCEPTION 'there is no user "%"', p_for USING ERRCODE = 'PK404', HINT = 'Add them with `pykala user add`.';
    END IF;
    INSERT INTO deputy (organization_id, deputy_login, for_login, valid_from, valid_to)
    VALUES (org_id, p_deputy, p_for, p_from, p_to) RETURNING * INTO added;
    PERFORM append_event(org_id, 'deputy_added', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('deputy', p_deputy, 'for', p_for, 'from', p_from, 'to', p_to)));
    RETURN jsonb_build_object('id', added.id, 'deputy', added.deputy_login, 'for', added.for_login,
                              'from', added.valid_from, 'to', added.valid_to);
END
$$;

-- The guards of `guards` that do not hold for decision d, each as a sentence.
CREATE FUNCTION pykala.guard_failures(d pykala.decision, guards jsonb) RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    failures   text[] := '{}';
    guard      text;
    shares_sum bigint;
    appeal_end date;
BEGIN
    FOR guard IN SELECT jsonb_array_elements_text(coalesce(guards, '[]')) LOOP
        CASE guard
        WHEN 'proposal_present' THEN
            IF d.proposal IS NULL THEN
                failures := failures || 'no proposal is written'::text;
            END IF;
        WHEN 'cost_shares_balanced' THEN
            SELECT sum(amount_cents) INTO shares_sum FROM cost_share WHERE decision_id = d.id;
            IF shares_sum IS NOT NULL AND d.total_cents IS NOT NULL AND shares_sum <> d.total_cents THEN
                failures := failures || format('cost shares %s ≠ total %s', format_euros(shares_sum), format_euros(d.total_cents));
            END IF;
        WHEN 'contact_person_present' THEN
            IF NOT EXISTS (SELECT 1 FROM contact WHERE decision_id = d.id AND role = 'contact_person') THEN
                failures := failures || 'no contact person is named'::text;
            END IF;
        WHEN 'meeting_and_section_set' THEN
            IF d.meeting_date IS NULL OR d.section IS NULL THEN
                failures := failures || 'no meeting and § are set'::text;
            END IF;
        WHEN 'outcome_recorded' THEN
            IF d.outcome IS NULL THEN
                failures := failures || 'no outcome is recorded'::text;
            END IF;
        WHEN 'appeal_period_over' THEN
            SELECT max(due_date) INTO appeal_end FROM deadline WHERE decision_id = d.id AND kind = 'appeal_ends';
            IF appeal_end IS NULL THEN
                failures := failures || 'no appeal period has started (the decision is not published)'::text;
            ELSIF appeal_end >= (now() AT TIME ZONE 'Europe/Helsinki')::date THEN
                failures := failures || format('the appeal period runs until %s', to_char(appeal_end, 'FMDD.FMMM.YYYY'));
            END IF;
        ELSE
            failures := failures || format('the guard %s is not known to this database', guard);
        END CASE;
    END LOOP;
    RETURN failures;
END
$$;

-- Stores a workflow definition (validated by pykala's WorkflowReader) as the next version
-- of its name, unless the same content is already stored.
CREATE FUNCTION pykala.load_workflow(p_organization text, p_definition jsonb, p_source text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id   bigint;
    v_hash   text := encode(sha256(convert_to(p_source, 'UTF8')), 'hex');
    existing workflow;
    v_version integer;
BEGIN
    PERFORM require_role('admin');
    org_id := organization_id(p_organization);
    -- One loader at a time per organization and name, so versions never collide.
    PERFORM pg_advisory_xact_lock(hashtextextended('pykala.workflow/' || org_id || '/' || (p_definition->>'name'), 0));
    SELECT * INTO existing FROM workflow
     WHERE organization_id = org_id AND name = p_definition->>'name' AND content_hash = v_hash;
    IF FOUND THEN
        RETURN jsonb_build_object('name', existing.name, 'version', existing.version, 'content_hash', v_hash, 'unchanged', true);
    END IF;
    SELECT coalesce(max(version), 0) + 1 INTO v_version FROM workflow
     WHERE organization_id = org_id AND name = p_definition->>'name';
    INSERT INTO workflow (organization_id, name, version, content_hash, definition, source)
    VALUES (org_id, p_definition->>'name', v_version, v_hash, p_definition, p_source);
    PERFORM append_event(org_id, 'workflow_loaded', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('workflow', p_definition->>'name', 'version', v_version,
                                                                'content_hash', v_hash)));
    RETURN jsonb_build_object('name', p_definition->>'name', 'version', v_version, 'content_hash', v_hash, 'unchanged', false);
END
$$;

-- The workflow version a decision follows: the one pinned when it first moved, else the
-- newest version of the flow for its body's kind.
CREATE FUNCTION pykala.workflow_of(d pykala.decision) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    flow   text;
    result bigint;
BEGIN
    IF d.workflow_id IS NOT NULL THEN
        RETURN d.workflow_id;
    END IF;
    flow := CASE (SELECT kind FROM body WHERE id = d.body_id) WHEN 'office-holder' THEN 'office-holder-decision'
                                                               ELSE 'council-decision' END;
    SELECT id INTO result FROM workflow WHERE organization_id = d.organization_id AND name = flow
     ORDER BY version DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no workflow "%" is loaded', flow
            USING ERRCODE = 'PK404', HINT = format('An admin loads it with `pykala workflow load workflows/%s.yaml`.', flow);
    END IF;
    RETURN result;
END
$$;

-- Takes the transition `p_action` of one decision, in one transaction: the decision row is
-- locked, so of concurrent callers exactly one moves it and the others see its new state.
-- Checks, in order: the request id (a retry returns the first result), the action exists
-- and leaves the current state in the pinned definition, the caller's role, the expected
-- version, the guards. Writes the new state, the history row and the deadlines the new
-- state starts.
CREATE FUNCTION pykala.transition(p_organization text, p_decision bigint, p_action text, p_expected_version integer,
                                  p_comment text, p_request_id uuid) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id     bigint;
    d          decision;
    v_workflow bigint;
    definition jsonb;
    t          jsonb;
    target     jsonb;
    acting     text;
    failures   text[];
    changes    text;
    started    jsonb := '[]';
    item       jsonb;
    due        date;
    earlier    decision_history;
    history_id bigint;
BEGIN
    org_id := organization_id(p_organization);
    SELECT * INTO d FROM decision WHERE id = p_decision AND organization_id = org_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404', HINT = 'List them with `pykala decision list`.';
    END IF;

    IF p_request_id IS NOT NULL THEN
        SELECT * INTO earlier FROM decision_history WHERE request_id = p_request_id;
        IF FOUND THEN
            IF earlier.decision_id <> p_decision OR earlier.action <> p_action OR earlier.actor <> session_user THEN
                RAISE EXCEPTION 'request id % was already used for % of decision %', p_request_id, earlier.action, earlier.decision_id
                    USING ERRCODE = 'PK409', HINT = 'Use a new request id for a new action.';
            END IF;
            RETURN jsonb_build_object('decision', earlier.decision_id, 'action', earlier.action, 'from', earlier.from_state,
                                      'to', earlier.to_state, 'version', earlier.version_after, 'history', earlier.id,
                                      'repeated', true, 'started', '[]'::jsonb);
        END IF;
    END IF;

    v_workflow := workflow_of(d);
    SELECT w.definition INTO definition FROM workflow w WHERE w.id = v_workflow;
    SELECT value INTO t FROM jsonb_array_elements(definition->'transitions')
     WHERE value->>'name' = p_action ORDER BY coalesce((value->'from') ? d.state, false) DESC LIMIT 1;
    IF t IS NULL THEN
        RAISE EXCEPTION 'the workflow % has no action "%"', definition->>'name', p_action
            USING ERRCODE = 'PK404', HINT = 'See what can be done with `pykala decision actions`.';
    END IF;
    IF NOT coalesce((t->'from') ? d.state, false) THEN
        RAISE EXCEPTION 'cannot % decision %: it is %, and % is taken from %', p_action, p_decision, d.state, p_action,
            (SELECT string_agg(value, ' or ') FROM jsonb_array_elements_text(t->'from'))
            USING ERRCODE = 'PK409', HINT = 'See what can be done with `pykala decision actions`.';
    END IF;
    acting := acting_for(org_id, t->'roles');
    IF acting IS NULL THEN
        RAISE EXCEPTION '%', role_refusal(org_id, t->'roles', p_action)
            USING ERRCODE = 'PK401', HINT = 'Ask someone with that role, or an admin to grant it.';
    END IF;
    IF p_expected_version IS NOT NULL AND d.version <> p_expected_version THEN
        SELECT string_agg(format('%s by %s (version %s)', action, actor, version_after), '; ' ORDER BY id) INTO changes
          FROM decision_history WHERE decision_id = p_decision AND version_after > p_expected_version;
        RAISE EXCEPTION 'decision % is at version %, not %: since then %', p_decision, d.version, p_expected_version,
            coalesce(changes, 'it was changed')
            USING ERRCODE = 'PK409', HINT = 'Show it again with `pykala decision show`, then decide again.';
    END IF;
    failures := guard_failures(d, t->'requires');
    IF cardinality(failures) > 0 THEN
        RAISE EXCEPTION 'cannot %: %', p_action, array_to_string(failures, '; ')
            USING ERRCODE = 'PK422', HINT = 'Fix the draft, or see `pykala decision actions`.';
    END IF;

    UPDATE decision SET state = t->>'to', version = version + 1, workflow_id = v_workflow WHERE id = p_decision;
    INSERT INTO decision_history (organization_id, decision_id, workflow_id, action, from_state, to_state, version_after,
                                  on_behalf_of, comment, request_id)
    VALUES (org_id, p_decision, v_workflow, p_action, d.state, t->>'to', d.version + 1, nullif(acting, ''), p_comment,
            p_request_id)
    RETURNING id INTO history_id;

    SELECT value INTO target FROM jsonb_array_elements(definition->'states') WHERE value->>'name' = t->>'to';
    FOR item IN SELECT value FROM jsonb_array_elements(coalesce(target->'starts', '[]')) LOOP
        IF item->>'rule' = 'rectification' THEN
            due := rectification_last_day((now() AT TIME ZONE 'Europe/Helsinki')::date, 'public');
            INSERT INTO deadline (organization_id, decision_id, kind, due_date, text)
            VALUES (org_id, p_decision, item->>'kind', due,
                    'pöytäkirja julkaistu ' || to_char((now() AT TIME ZONE 'Europe/Helsinki')::date, 'FMDD.FMMM.YYYY'));
            started := started || jsonb_build_object('kind', item->>'kind', 'date', due);
        END IF;
    END LOOP;

    PERFORM append_event(org_id, p_action, p_decision, d.state, t->>'to', p_comment,
                         jsonb_build_object('state', jsonb_build_object('before', d.state, 'after', t->>'to'),
                                            'version', jsonb_build_object('before', d.version, 'after', d.version + 1))
                         || CASE WHEN started = '[]' THEN '{}'::jsonb
                                 ELSE jsonb_build_object('deadlines_started', jsonb_build_object('before', NULL, 'after', started)) END,
                         nullif(acting, ''));
    RETURN jsonb_build_object('decision', p_decision, 'action', p_action, 'from', d.state, 'to', t->>'to',
                              'version', d.version + 1, 'history', history_id, 'repeated', false, 'started', started,
                              'on_behalf_of', nullif(acting, ''));
END
$$;

-- What the caller may do next with a decision, and for each action they may not, why.
CREATE FUNCTION pykala.available_actions(p_organization text, p_decision bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    d          decision;
    definition jsonb;
    t          jsonb;
    reasons    text[];
    refusal    text;
    result     jsonb := '[]';
BEGIN
    SELECT * INTO d FROM decision WHERE id = p_decision AND organization_id = organization_id(p_organization);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404';
    END IF;
    SELECT w.definition INTO definition FROM workflow w WHERE w.id = workflow_of(d);
    FOR t IN SELECT value FROM jsonb_array_elements(definition->'transitions') WHERE (value->'from') ? d.state LOOP
        reasons := '{}';
        refusal := role_refusal(d.organization_id, t->'roles', t->>'name');
        IF refusal IS NOT NULL THEN
            reasons := reasons || format('needs role %s',
                (SELECT string_agg(value, ' or ') FROM jsonb_array_elements_text(t->'roles')));
        END IF;
        reasons := reasons || guard_failures(d, t->'requires');
        result := result || jsonb_build_object('action', t->>'name', 'to', t->>'to', 'allowed', cardinality(reasons) = 0,
                                               'reasons', to_jsonb(reasons));
    END LOOP;
    RETURN jsonb_build_object('decision', d.id, 'state', d.state, 'version', d.version, 'workflow', definition->>'name',
                              'actions', result);
END
$$;

-- Records in the audit trail that an admin created a login in a pykala role (the login
-- itself is created by the admin's own CREATEROLE privilege, in the same transaction).
CREATE FUNCTION pykala.record_user_added(p_name text, p_role text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM require_role('admin');
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_name)
       OR NOT pg_catalog.pg_has_role(p_name, 'pykala_' || p_role, 'MEMBER') THEN
        RAISE EXCEPTION 'there is no user "%" in the role %', p_name, p_role USING ERRCODE = 'PK404';
    END IF;
    PERFORM append_event(NULL, 'user_added', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('user', p_name, 'role', p_role)));
END
$$;

-- Registration (one write_decision per document, all or none) and edits of drafts enter the
-- history too, so a stale version can say what changed.
CREATE OR REPLACE FUNCTION pykala.register_decisions(documents jsonb, create_missing boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    doc        jsonb;
    written    jsonb;
    registered jsonb := '[]';
    created    jsonb := '[]';
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF jsonb_typeof(documents) IS DISTINCT FROM 'array' THEN
        RAISE EXCEPTION 'documents must be a JSON array' USING ERRCODE = 'PK422';
    END IF;
    FOR doc IN SELECT value FROM jsonb_array_elements(documents) LOOP
        written := write_decision(doc, create_missing, NULL, NULL);
        INSERT INTO decision_history (organization_id, decision_id, action, to_state, version_after)
        SELECT organization_id, id, 'register', state, version FROM decision WHERE id = (written->'decision'->>'id')::bigint;
        registered := registered || (written->'decision');
        created := created || (written->'created');
    END LOOP;
    RETURN jsonb_build_object('decisions', registered, 'created', created);
END
$$;

-- Replaces a draft's content with a new document, if the draft is still at
-- expected_version (NULL: whatever version it is at). Only drafts can be edited.
CREATE FUNCTION pykala.edit_draft(p_organization text, p_decision bigint, expected_version integer, document jsonb,
                                             create_missing boolean DEFAULT false) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    written jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    IF NOT EXISTS (SELECT 1 FROM decision WHERE id = p_decision AND organization_id = organization_id(p_organization)) THEN
        RAISE EXCEPTION 'no decision has id %', p_decision
            USING ERRCODE = 'PK404', HINT = 'List them with `pykala decision list`.';
    END IF;
    written := write_decision(document, create_missing, p_decision, expected_version);
    INSERT INTO decision_history (organization_id, decision_id, workflow_id, action, from_state, to_state, version_after)
    SELECT organization_id, id, workflow_id, 'edit', state, state, version FROM decision WHERE id = p_decision;
    RETURN written;
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.caller_roles() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.role_refusal(bigint, jsonb, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.acting_for(bigint, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.add_deputy(text, text, text, date, date) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.guard_failures(pykala.decision, jsonb) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.load_workflow(text, jsonb, text) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.workflow_of(pykala.decision) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.transition(text, bigint, text, integer, text, uuid) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.available_actions(text, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.edit_draft(text, bigint, integer, jsonb, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.edit_draft(text, bigint, integer, jsonb, boolean) TO pykala_secretary, pykala_admin;

-- Granted to every group role so that the function itself can say who may (require_role).
GRANT EXECUTE ON FUNCTION pykala.load_workflow(text, jsonb, text)
    TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.add_deputy(text, text, text, date, date) TO pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.record_user_added(text, text) TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.caller_roles() TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.easter_sunday(integer), pykala.finnish_holiday(date), pykala.rectification_last_day(date, text)
    TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.transition(text, bigint, text, integer, text, uuid)
    TO pykala_secretary, pykala_manager, pykala_admin;
GRANT EXECUTE ON FUNCTION pykala.available_actions(text, bigint)
    TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
RESET ROLE;

-- 0027 a workflow's steps as rows. Counted as in 0025 (callgrind, 400 steps in one
-- backend): 1.53 million instructions a step before, 1.18 million after. With 8 clients
-- on 2 cores the step is bound by the CPU (the machine is busy 500 µs per step), so this is
-- what 8 concurrent clients gain.
--
-- 1. Every step searched its workflow's definition (3.7 kB of jsonb, compressed) by JSON
--    path three times: for the transition from the decision's state, for any transition of
--    that name, and for the target state; each search decompressed the definition again.
--    130 000 instructions a step. The definition's steps are now rows of workflow_step, one
--    per transition and state it leaves, written when the workflow is stored (a trigger, so
--    whatever stores a workflow writes them). A step finds its row by the primary key, in
--    the statement that locks the decision. The definition is read only to say why an
--    action cannot be taken.
-- 2. The decision, its step, an earlier history row under the request id and, when no
--    organization is named, whether the register holds another organization: one
--    statement, where there were four and a call of organization_id (56 000 instructions).
-- 3. The caller's roles: pg_has_role for the roles the step names, instead of
--    caller_roles(), which read pg_roles and its joins (100 000 instructions). A superuser
--    is a member of every role for pg_has_role, as caller_roles said by rolsuper.
-- 4. guard_failures takes the guards as text[] and walks them without a query; the jsonb
--    form (available_actions) calls it. A step with no guards calls neither.
SET LOCAL ROLE pykala_owner;

-- 1.
CREATE TABLE pykala.workflow_step (
    workflow_id bigint NOT NULL REFERENCES pykala.workflow (id),
    action      text NOT NULL,
    from_state  text NOT NULL,
    to_state    text NOT NULL,
    roles       text[] NOT NULL,
    requires    text[] NOT NULL,
    -- The target state's `starts` (deadlines it starts), NULL when none.
    starts      jsonb,
    PRIMARY KEY (workflow_id, action, from_state)
);
GRANT SELECT ON pykala.workflow_step TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- The rows of one stored workflow's steps, from its definition. A list the definition
-- gives as one string is a list of one; a transition with no name or target is left out
-- (no step could take it); of two with the same name from the same state, the first
-- counts, as the JSON path search found it.
CREATE FUNCTION pykala.workflow_steps_written() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    DELETE FROM workflow_step WHERE workflow_id = NEW.id;
    INSERT INTO workflow_step (workflow_id, action, from_state, to_state, roles, requires, starts)
    SELECT NEW.id, t->>'name', f.state, t->>'to',
           ARRAY(SELECT jsonb_array_elements_text(CASE jsonb_typeof(t->'roles') WHEN 'array' THEN t->'roles'
                                                       WHEN 'string' THEN jsonb_build_array(t->'roles') ELSE '[]' END)),
           ARRAY(SELECT jsonb_array_elements_text(CASE jsonb_typeof(t->'requires') WHEN 'array' THEN t->'requires'
                                                       WHEN 'string' THEN jsonb_build_array(t->'requires') ELSE '[]' END)),
           nullif(jsonb_path_query_first(NEW.definition, '$.states[*] ? (@.name == $to).starts',
                                         jsonb_build_object('to', t->'to')), '[]')
      FROM jsonb_array_elements(NEW.definition->'transitions') WITH ORDINALITY AS tr(t, n),
           jsonb_array_elements_text(CASE jsonb_typeof(t->'from') WHEN 'array' THEN t->'from'
                                          WHEN 'string' THEN jsonb_build_array(t->'from') ELSE '[]' END) AS f(state)
     WHERE t->>'name' IS NOT NULL AND t->>'to' IS NOT NULL
     ORDER BY tr.n
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION pykala.workflow_steps_written() FROM PUBLIC;
CREATE TRIGGER workflow_steps_written AFTER INSERT OR UPDATE OF definition ON pykala.workflow
    FOR EACH ROW EXECUTE FUNCTION pykala.workflow_steps_written();

-- The workflows stored before.
UPDATE pykala.workflow SET definition = definition;

-- 4. As 0006's, with the guards as text[]; the jsonb form calls this one.
CREATE FUNCTION pykala.guard_failures(d pykala.decision, guards text[]) RETURNS text[]
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    failures   text[] := '{}';
    guard      text;
    shares_sum bigint;
    appeal_end date;
BEGIN
    FOREACH guard IN ARRAY guards LOOP
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

CREATE OR REPLACE FUNCTION pykala.guard_failures(d pykala.decision, guards jsonb) RETURNS text[]
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN pykala.guard_failures(d, ARRAY(SELECT pg_catalog.jsonb_array_elements_text(coalesce(guards, '[]'))));
END
$$;
REVOKE EXECUTE ON FUNCTION pykala.guard_failures(pykala.decision, text[]) FROM PUBLIC;

-- 2. and 3. As in 0025, the step found as in 1., with the reads in one statement.
CREATE OR REPLACE FUNCTION pykala.transition(p_organization text, p_decision bigint, p_action text, p_expected_version integer,
                                  p_comment text, p_request_id uuid) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    org_id     bigint;
    locked     record;
    d          decision;
    step       workflow_step;
    v_workflow bigint;
    def        jsonb;
    t          jsonb;
    acting     text;
    failures   text[];
    changes    text;
    started    jsonb := '[]';
    item       jsonb;
    due        date;
    earlier    decision_history;
    history_id bigint;
BEGIN
    -- A named organization is looked up first (it may be missing); with none named, the
    -- decision's is used, and the statement also looks for another, since then there must be one.
    org_id := CASE WHEN p_organization IS NOT NULL THEN organization_id(p_organization) END;
    SELECT dd AS decision, s AS step, h AS earlier, other.id AS other_organization INTO locked
      FROM decision dd
      LEFT JOIN workflow_step s ON s.workflow_id = dd.workflow_id AND s.action = p_action AND s.from_state = dd.state
      LEFT JOIN decision_history h ON h.request_id = p_request_id
      LEFT JOIN LATERAL (SELECT o.id FROM organization o WHERE org_id IS NULL AND o.id <> dd.organization_id LIMIT 1) other ON true
     WHERE dd.id = p_decision AND (org_id IS NULL OR dd.organization_id = org_id)
       FOR UPDATE OF dd;
    IF NOT FOUND OR locked.other_organization IS NOT NULL THEN
        org_id := organization_id(p_organization);  -- says that there is no organization, or several and none named
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404', HINT = 'List them with `pykala decision list`.';
    END IF;
    d := locked.decision;
    org_id := d.organization_id;

    earlier := locked.earlier;
    IF earlier.id IS NOT NULL THEN
        IF earlier.decision_id <> p_decision OR earlier.action <> p_action OR earlier.actor <> session_user THEN
            RAISE EXCEPTION 'request id % was already used for % of decision %', p_request_id, earlier.action, earlier.decision_id
                USING ERRCODE = 'PK409', HINT = 'Use a new request id for a new action.';
        END IF;
        RETURN jsonb_build_object('decision', earlier.decision_id, 'action', earlier.action, 'from', earlier.from_state,
                                  'to', earlier.to_state, 'version', earlier.version_after, 'history', earlier.id,
                                  'repeated', true, 'started', '[]'::jsonb);
    END IF;

    step := locked.step;
    v_workflow := d.workflow_id;
    IF v_workflow IS NULL THEN
        -- The decision's first step: the workflow it will follow from now on.
        v_workflow := workflow_of(d);
        SELECT * INTO step FROM workflow_step s WHERE s.workflow_id = v_workflow AND s.action = p_action AND s.from_state = d.state;
    END IF;
    IF step.action IS NULL THEN
        SELECT w.definition INTO def FROM workflow w WHERE w.id = v_workflow;
        t := jsonb_path_query_first(def, '$.transitions[*] ? (@.name == $a)', jsonb_build_object('a', p_action));
        IF t IS NULL THEN
            RAISE EXCEPTION 'the workflow % has no action "%"', def->>'name', p_action
                USING ERRCODE = 'PK404', HINT = 'See what can be done with `pykala decision actions`.';
        END IF;
        RAISE EXCEPTION 'cannot % decision %: it is %, and % is taken from %', p_action, p_decision, d.state, p_action,
            (SELECT string_agg(value, ' or ') FROM jsonb_array_elements_text(t->'from'))
            USING ERRCODE = 'PK409', HINT = 'See what can be done with `pykala decision actions`.';
    END IF;
    -- The caller's own roles first (the four project roles, as caller_roles lists them; a
    -- superuser is a member of every role for pg_has_role), then as a deputy.
    acting := CASE WHEN ('secretary' = ANY (step.roles) AND pg_has_role(session_user, 'pykala_secretary', 'MEMBER'))
                     OR ('manager' = ANY (step.roles) AND pg_has_role(session_user, 'pykala_manager', 'MEMBER'))
                     OR ('admin' = ANY (step.roles) AND pg_has_role(session_user, 'pykala_admin', 'MEMBER'))
                     OR ('auditor' = ANY (step.roles) AND pg_has_role(session_user, 'pykala_auditor', 'MEMBER'))
                   THEN '' ELSE acting_for(org_id, to_jsonb(step.roles)) END;
    IF acting IS NULL THEN
        RAISE EXCEPTION '%', role_refusal(org_id, to_jsonb(step.roles), p_action)
            USING ERRCODE = 'PK401', HINT = 'Ask someone with that role, or an admin to grant it.';
    END IF;
    IF p_expected_version IS NOT NULL AND d.version <> p_expected_version THEN
        SELECT string_agg(format('%s by %s (version %s)', action, actor, version_after), '; ' ORDER BY id) INTO changes
          FROM decision_history WHERE decision_id = p_decision AND version_after > p_expected_version;
        RAISE EXCEPTION 'decision % is at version %, not %: since then %', p_decision, d.version, p_expected_version,
            coalesce(changes, 'it was changed')
            USING ERRCODE = 'PK409', HINT = 'Show it again with `pykala decision show`, then decide again.';
    END IF;
    failures := CASE WHEN step.requires <> '{}' THEN guard_failures(d, step.requires) ELSE '{}' END;
    IF cardinality(failures) > 0 THEN
        RAISE EXCEPTION 'cannot %: %', p_action, array_to_string(failures, '; ')
            USING ERRCODE = 'PK422', HINT = 'Fix the draft, or see `pykala decision actions`.';
    END IF;

    IF step.starts IS NOT NULL THEN
        FOR item IN SELECT value FROM jsonb_array_elements(step.starts) LOOP
            IF item->>'rule' = 'rectification' THEN
                due := rectification_last_day((now() AT TIME ZONE 'Europe/Helsinki')::date, 'public');
                INSERT INTO deadline (organization_id, decision_id, kind, due_date, text)
                VALUES (org_id, p_decision, item->>'kind', due,
                        'pöytäkirja julkaistu ' || to_char((now() AT TIME ZONE 'Europe/Helsinki')::date, 'FMDD.FMMM.YYYY'));
                started := started || jsonb_build_object('kind', item->>'kind', 'date', due);
            END IF;
        END LOOP;
    END IF;

    WITH stepped AS (
        UPDATE decision SET state = step.to_state, version = version + 1, workflow_id = v_workflow WHERE id = p_decision
    ), appended AS (
        INSERT INTO event_pending (organization_id, decision_id, at, actor, on_behalf_of, kind, from_state, to_state, comment, changes)
        VALUES (org_id, p_decision, clock_timestamp(), session_user, nullif(acting, ''), p_action, d.state, step.to_state,
                p_comment,
                jsonb_build_object('state', jsonb_build_object('before', d.state, 'after', step.to_state),
                                   'version', jsonb_build_object('before', d.version, 'after', d.version + 1))
                || CASE WHEN started = '[]' THEN '{}'::jsonb
                        ELSE jsonb_build_object('deadlines_started', jsonb_build_object('before', NULL, 'after', started)) END)
    )
    INSERT INTO decision_history (organization_id, decision_id, workflow_id, action, from_state, to_state, version_after,
                                  on_behalf_of, comment, request_id)
    VALUES (org_id, p_decision, v_workflow, p_action, d.state, step.to_state, d.version + 1, nullif(acting, ''), p_comment,
            p_request_id)
    RETURNING id INTO history_id;

    RETURN jsonb_build_object('decision', p_decision, 'action', p_action, 'from', d.state, 'to', step.to_state,
                              'version', d.version + 1, 'history', history_id, 'repeated', false, 'started', started,
                              'on_behalf_of', nullif(acting, ''));
END
$$;

RESET ROLE;

-- 0024 a step with fewer statements: pykala.transition as in 0006, but the workflow's
-- transition and the state it leads to are found in one statement instead of three (the
-- definition read, then searched twice), workflow_of is called only for a decision that
-- has no workflow yet (its first step), guard_failures only for a transition that has
-- guards, and the deadlines a state starts are looked for only in a state that starts
-- some. Every check, write and message is as before.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.transition(p_organization text, p_decision bigint, p_action text, p_expected_version integer,
                                  p_comment text, p_request_id uuid) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id     bigint;
    d          decision;
    v_workflow bigint;
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

    v_workflow := coalesce(d.workflow_id, workflow_of(d));
    -- The action's transition (the one from this state, if several share its name) and the
    -- state it leads to, in one statement.
    SELECT tr.value, st.value INTO t, target
      FROM workflow w
      LEFT JOIN LATERAL (SELECT value FROM jsonb_array_elements(w.definition->'transitions')
                          WHERE value->>'name' = p_action
                          ORDER BY coalesce((value->'from') ? d.state, false) DESC LIMIT 1) AS tr ON true
      LEFT JOIN LATERAL (SELECT value FROM jsonb_array_elements(w.definition->'states')
                          WHERE value->>'name' = tr.value->>'to' LIMIT 1) AS st ON true
     WHERE w.id = v_workflow;
    IF t IS NULL THEN
        RAISE EXCEPTION 'the workflow % has no action "%"', (SELECT w.definition->>'name' FROM workflow w WHERE w.id = v_workflow),
            p_action
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
    failures := CASE WHEN t ? 'requires' THEN guard_failures(d, t->'requires') ELSE '{}' END;
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

    IF target ? 'starts' THEN
        FOR item IN SELECT value FROM jsonb_array_elements(coalesce(target->'starts', '[]')) LOOP
            IF item->>'rule' = 'rectification' THEN
                due := rectification_last_day((now() AT TIME ZONE 'Europe/Helsinki')::date, 'public');
                INSERT INTO deadline (organization_id, decision_id, kind, due_date, text)
                VALUES (org_id, p_decision, item->>'kind', due,
                        'pöytäkirja julkaistu ' || to_char((now() AT TIME ZONE 'Europe/Helsinki')::date, 'FMDD.FMMM.YYYY'));
                started := started || jsonb_build_object('kind', item->>'kind', 'date', due);
            END IF;
        END LOOP;
    END IF;

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

RESET ROLE;

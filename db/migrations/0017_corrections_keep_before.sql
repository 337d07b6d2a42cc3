-- 0017 corrections keep what was before: recording a person's attendance again, or a
-- disqualification again with another ground, updates the row, and its event said only what
-- the row became ("before": null for every field), as if nothing had been recorded. An
-- auditor reading the history could not see the correction. The event now holds each
-- field's value before and after (the fields naming the meeting, body, person and role
-- too, unchanged, so the event still says whose record it was).
SET LOCAL ROLE pykala_owner;

-- A record's change: {"key": {"before": before->key, "after": after->key}} for every key of
-- `after`, changed or not; for a new record (`before` NULL), what jsonb_changes gives.
CREATE FUNCTION pykala.jsonb_record_change(before jsonb, after jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF before IS NULL THEN
        RETURN jsonb_changes(NULL, after);
    END IF;
    RETURN (SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('before', before->key, 'after', after->key)), '{}')
              FROM jsonb_object_keys(after) AS k(key));
END
$$;
REVOKE EXECUTE ON FUNCTION pykala.jsonb_record_change(jsonb, jsonb) FROM PUBLIC;

CREATE OR REPLACE FUNCTION pykala.attend(p_organization text, p_body text, p_date date, p_person text, p_role text,
                                         p_deputy_for text, p_arrived integer, p_left integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id    bigint;
    v_meeting bigint;
    v_person  bigint;
    v_for     bigint;
    before    jsonb;
    after     jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    v_meeting := meeting_id(org_id, p_body, p_date);
    v_person := person_id(org_id, p_person);
    IF p_deputy_for IS NOT NULL THEN
        v_for := person_id(org_id, p_deputy_for);
    END IF;
    after := jsonb_build_object('meeting', p_date, 'body', p_body, 'person', p_person, 'role', p_role,
                                'deputy_for', p_deputy_for, 'arrived', p_arrived, 'left', p_left);
    -- One attendance change of a meeting at a time: two sessions recording the same person
    -- at once would otherwise both read "nothing before" (a row not yet there cannot be locked).
    PERFORM 1 FROM meeting WHERE id = v_meeting FOR NO KEY UPDATE;
    SELECT jsonb_build_object('meeting', p_date, 'body', p_body, 'person', p_person, 'role', a.role,
                              'deputy_for', (SELECT p.name FROM person p WHERE p.id = a.deputy_for),
                              'arrived', a.arrived_section, 'left', a.left_section)
      INTO before
      FROM attendance a WHERE a.meeting_id = v_meeting AND a.person_id = v_person AND a.role = p_role;
    INSERT INTO attendance (organization_id, meeting_id, person_id, role, deputy_for, arrived_section, left_section)
    VALUES (org_id, v_meeting, v_person, p_role, v_for, p_arrived, p_left)
    ON CONFLICT (meeting_id, person_id, role)
    DO UPDATE SET deputy_for = EXCLUDED.deputy_for, arrived_section = EXCLUDED.arrived_section,
                  left_section = EXCLUDED.left_section;
    PERFORM append_event(org_id, 'attendance_recorded', NULL, NULL, NULL, NULL,
                         jsonb_record_change(before, after));
    RETURN jsonb_build_object('person', p_person, 'role', p_role, 'deputy_for', p_deputy_for, 'arrived', p_arrived,
                              'left', p_left);
END
$$;

CREATE OR REPLACE FUNCTION pykala.disqualify(p_organization text, p_decision bigint, p_person text, p_ground text)
    RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id   bigint;
    v_item   bigint;
    v_person bigint;
    before   jsonb;
    after    jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    -- One change to a § at a time, and only while the decision is on the agenda.
    PERFORM lock_on_agenda(org_id, p_decision);
    v_item := current_item(org_id, p_decision);
    IF EXISTS (SELECT 1 FROM vote WHERE agenda_item_id = v_item) THEN
        RAISE EXCEPTION 'the § of decision % has been voted on already', p_decision
            USING ERRCODE = 'PK409', HINT = 'Record disqualifications before the vote.';
    END IF;
    v_person := person_id(org_id, p_person);
    after := jsonb_build_object('person', p_person, 'ground', p_ground);
    SELECT jsonb_build_object('person', p_person, 'ground', q.ground) INTO before
      FROM disqualification q WHERE q.agenda_item_id = v_item AND q.person_id = v_person;
    INSERT INTO disqualification (organization_id, agenda_item_id, person_id, ground)
    VALUES (org_id, v_item, v_person, p_ground)
    ON CONFLICT (agenda_item_id, person_id) DO UPDATE SET ground = EXCLUDED.ground;
    PERFORM meeting_change(org_id, p_decision, 'disqualify');
    PERFORM append_event(org_id, 'disqualified', p_decision, NULL, NULL, NULL,
                         jsonb_record_change(before, after));
    RETURN jsonb_build_object('person', p_person, 'ground', p_ground, 'quorum', quorum_at(v_item));
END
$$;

RESET ROLE;

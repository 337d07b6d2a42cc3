-- 0007 meetings: a body's meetings with attendance (members, deputies serving for whom,
-- chair, secretary, minute checkers, arrivals and departures by §), the agenda with §
-- numbers per body and year (race-free, gap-free), quorum per §, votes with their result,
-- and disqualifications (hallintolaki 28 §).
SET LOCAL ROLE pykala_owner;

-- How many seats a body has, and what makes it quorate: more than half of the members
-- (kuntalaki 103 § for boards and committees), or two thirds (a council).
ALTER TABLE pykala.body
    ADD COLUMN seats integer CHECK (seats BETWEEN 1 AND 500),
    ADD COLUMN quorum text NOT NULL DEFAULT 'more_than_half' CHECK (quorum IN ('more_than_half', 'two_thirds'));

CREATE TABLE pykala.meeting (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    body_id         bigint NOT NULL REFERENCES pykala.body (id),
    date            date NOT NULL CHECK (date BETWEEN '1900-01-01' AND '2199-12-31'),
    number          text CHECK (number ~ '^[0-9]{1,4}/[0-9]{4}$'),
    place           text CHECK (pykala.is_clean_line(place, 200)),
    created_by      text NOT NULL DEFAULT session_user,
    UNIQUE (body_id, date)
);

-- Who took part, in what role, from which § to which.
CREATE TABLE pykala.attendance (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    meeting_id      bigint NOT NULL REFERENCES pykala.meeting (id),
    person_id       bigint NOT NULL REFERENCES pykala.person (id),
    role            text NOT NULL CHECK (role IN ('member', 'deputy', 'chair', 'secretary', 'checker', 'presenter', 'other')),
    -- A deputy member (varajäsen) serving for a member who is away.
    deputy_for      bigint REFERENCES pykala.person (id),
    -- Counts towards the quorum and may vote: members, the chair, and deputies serving.
    voting          boolean GENERATED ALWAYS AS (role IN ('member', 'deputy', 'chair')) STORED,
    arrived_section integer CHECK (arrived_section > 0),
    left_section    integer CHECK (left_section > 0),
    UNIQUE (meeting_id, person_id, role),
    CHECK ((role = 'deputy') = (deputy_for IS NOT NULL)),
    CHECK (left_section IS NULL OR arrived_section IS NULL OR left_section >= arrived_section)
);

-- The last § given per body and year: locked by the upsert, so § numbers are gap-free
-- and race-free.
CREATE TABLE pykala.section_counter (
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    body_id         bigint NOT NULL REFERENCES pykala.body (id),
    year            integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    last_section    integer NOT NULL CHECK (last_section >= 0),
    PRIMARY KEY (body_id, year)
);

-- One § of one meeting. A tabled decision keeps its § here and gets a new one at the
-- meeting where it is handled again.
CREATE TABLE pykala.agenda_item (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    meeting_id      bigint NOT NULL REFERENCES pykala.meeting (id),
    decision_id     bigint NOT NULL REFERENCES pykala.decision (id),
    body_id         bigint NOT NULL REFERENCES pykala.body (id),
    year            integer NOT NULL,
    section         integer NOT NULL CHECK (section BETWEEN 1 AND 99999),
    UNIQUE (body_id, year, section)
);
CREATE INDEX agenda_item_meeting_idx ON pykala.agenda_item (meeting_id, section);

ALTER TABLE pykala.decision ADD COLUMN meeting_id bigint REFERENCES pykala.meeting (id);

-- Members disqualified (esteellinen) from one §: they count neither for its quorum nor
-- in its vote.
CREATE TABLE pykala.disqualification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    agenda_item_id  bigint NOT NULL REFERENCES pykala.agenda_item (id),
    person_id       bigint NOT NULL REFERENCES pykala.person (id),
    ground          text NOT NULL CHECK (pykala.is_clean_line(ground, 500)),
    UNIQUE (agenda_item_id, person_id)
);

-- A vote on one §: the proposal that `yes` supports against the one `no` supports, each
-- voting member's ballot, and the result (a tie goes the chair's way).
CREATE TABLE pykala.vote (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    agenda_item_id  bigint NOT NULL REFERENCES pykala.agenda_item (id),
    position        integer NOT NULL CHECK (position > 0),
    yes_motion      text NOT NULL CHECK (pykala.is_clean_line(yes_motion, 2000)),
    no_motion       text NOT NULL CHECK (pykala.is_clean_line(no_motion, 2000)),
    yes_count       integer NOT NULL CHECK (yes_count >= 0),
    no_count        integer NOT NULL CHECK (no_count >= 0),
    blank_count     integer NOT NULL CHECK (blank_count >= 0),
    absent_count    integer NOT NULL CHECK (absent_count >= 0),
    result          text NOT NULL CHECK (result IN ('yes', 'no')),
    decided_by_chair boolean NOT NULL,
    UNIQUE (agenda_item_id, position)
);

CREATE TABLE pykala.ballot (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    vote_id         bigint NOT NULL REFERENCES pykala.vote (id),
    person_id       bigint NOT NULL REFERENCES pykala.person (id),
    choice          text NOT NULL CHECK (choice IN ('yes', 'no', 'blank', 'absent')),
    UNIQUE (vote_id, person_id)
);

GRANT SELECT ON pykala.meeting, pykala.attendance, pykala.section_counter, pykala.agenda_item, pykala.disqualification,
    pykala.vote, pykala.ballot TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- The meeting of a body on a day.
CREATE FUNCTION pykala.meeting_id(org_id bigint, p_body text, p_date date) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    result bigint;
BEGIN
    SELECT m.id INTO result FROM meeting m JOIN body b ON b.id = m.body_id
     WHERE m.organization_id = org_id AND (b.name = p_body OR b.name_sv = p_body) AND m.date = p_date
     ORDER BY b.name = p_body DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% has no meeting on %', p_body, to_char(p_date, 'FMDD.FMMM.YYYY')
            USING ERRCODE = 'PK404', HINT = 'Create it with `pykala meeting new BODY DATE`.';
    END IF;
    RETURN result;
END
$$;

CREATE FUNCTION pykala.person_id(org_id bigint, p_name text) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    matches integer;
    result  bigint;
BEGIN
    SELECT count(*), min(id) INTO matches, result FROM person WHERE organization_id = org_id AND name = p_name;
    IF matches = 0 THEN
        RAISE EXCEPTION 'person "%" does not exist', p_name USING ERRCODE = 'PK404', HINT = 'Add them with `pykala person add`.';
    ELSIF matches > 1 THEN
        RAISE EXCEPTION 'there are % people named "%"', matches, p_name USING ERRCODE = 'PK409', HINT = 'Name them by id.';
    END IF;
    RETURN result;
END
$$;

CREATE FUNCTION pykala.body_settings(p_organization text, p_body text, p_seats integer, p_quorum text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    previous body;
    changed  body;
BEGIN
    PERFORM require_role('secretary', 'admin');
    SELECT * INTO previous FROM body
     WHERE organization_id = organization_id(p_organization) AND (name = p_body OR name_sv = p_body)
     ORDER BY name = p_body DESC LIMIT 1 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'body "%" does not exist', p_body USING ERRCODE = 'PK404', HINT = '`pykala body list` lists them.';
    END IF;
    UPDATE body SET seats = coalesce(p_seats, seats), quorum = coalesce(p_quorum, quorum) WHERE id = previous.id
    RETURNING * INTO changed;
    PERFORM append_event(changed.organization_id, 'body_settings_changed', NULL, NULL, NULL, NULL,
                         jsonb_changes(jsonb_build_object('body', previous.name, 'seats', previous.seats, 'quorum', previous.quorum),
                                       jsonb_build_object('body', changed.name, 'seats', changed.seats, 'quorum', changed.quorum)));
    RETURN jsonb_build_object('name', changed.name, 'seats', changed.seats, 'quorum', changed.quorum);
END
$$;

CREATE FUNCTION pykala.new_meeting(p_organization text, p_body text, p_date date, p_number text, p_place text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id    bigint;
    v_body_id bigint;
    added     meeting;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    SELECT id INTO v_body_id FROM body WHERE organization_id = org_id AND (name = p_body OR name_sv = p_body)
     ORDER BY name = p_body DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'body "%" does not exist', p_body USING ERRCODE = 'PK404', HINT = '`pykala body list` lists them.';
    END IF;
    INSERT INTO meeting (organization_id, body_id, date, number, place) VALUES (org_id, v_body_id, p_date, p_number, p_place)
    RETURNING * INTO added;
    PERFORM append_event(org_id, 'meeting_created', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('body', p_body, 'date', p_date, 'number', p_number, 'place', p_place)));
    RETURN jsonb_build_object('id', added.id, 'body', p_body, 'date', added.date, 'number', added.number, 'place', added.place);
EXCEPTION WHEN unique_violation THEN
    RAISE EXCEPTION '% already has a meeting on %', p_body, to_char(p_date, 'FMDD.FMMM.YYYY')
        USING ERRCODE = 'PK409', HINT = 'See it with `pykala meeting show`.';
END
$$;

CREATE FUNCTION pykala.attend(p_organization text, p_body text, p_date date, p_person text, p_role text, p_deputy_for text,
                              p_arrived integer, p_left integer) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id    bigint;
    v_meeting bigint;
    v_person  bigint;
    v_for     bigint;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    v_meeting := meeting_id(org_id, p_body, p_date);
    v_person := person_id(org_id, p_person);
    IF p_deputy_for IS NOT NULL THEN
        v_for := person_id(org_id, p_deputy_for);
    END IF;
    INSERT INTO attendance (organization_id, meeting_id, person_id, role, deputy_for, arrived_section, left_section)
    VALUES (org_id, v_meeting, v_person, p_role, v_for, p_arrived, p_left)
    ON CONFLICT (meeting_id, person_id, role)
    DO UPDATE SET deputy_for = EXCLUDED.deputy_for, arrived_section = EXCLUDED.arrived_section,
                  left_section = EXCLUDED.left_section;
    PERFORM append_event(org_id, 'attendance_recorded', NULL, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('meeting', p_date, 'body', p_body, 'person', p_person, 'role', p_role,
                                                                'deputy_for', p_deputy_for, 'arrived', p_arrived, 'left', p_left)));
    RETURN jsonb_build_object('person', p_person, 'role', p_role, 'deputy_for', p_deputy_for, 'arrived', p_arrived,
                              'left', p_left);
END
$$;

-- The people who count for the quorum and may vote at one §: voting attendees present at
-- that § (arrived at or before it, left at or after it), less those disqualified from it.
CREATE FUNCTION pykala.voters_at(p_item bigint) RETURNS TABLE (person_id bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
        SELECT DISTINCT a.person_id
          FROM agenda_item i JOIN attendance a ON a.meeting_id = i.meeting_id
         WHERE i.id = p_item AND a.voting
           AND (a.arrived_section IS NULL OR a.arrived_section <= i.section)
           AND (a.left_section IS NULL OR a.left_section >= i.section)
           AND NOT EXISTS (SELECT 1 FROM disqualification q WHERE q.agenda_item_id = i.id AND q.person_id = a.person_id);
    $$;

-- Whether one § is quorate, with the numbers.
CREATE FUNCTION pykala.quorum_at(p_item bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    b       body;
    present integer;
    needed  integer;
BEGIN
    SELECT body.* INTO b FROM body JOIN agenda_item i ON i.body_id = body.id WHERE i.id = p_item;
    SELECT count(*) INTO present FROM voters_at(p_item);
    IF b.seats IS NULL THEN
        RETURN jsonb_build_object('present', present, 'seats', NULL, 'needed', NULL, 'quorate', NULL);
    END IF;
    needed := CASE b.quorum WHEN 'two_thirds' THEN (2 * b.seats + 2) / 3 ELSE b.seats / 2 + 1 END;
    RETURN jsonb_build_object('present', present, 'seats', b.seats, 'needed', needed, 'quorate', present >= needed);
END
$$;

-- Puts an approved decision on a meeting's agenda: gives it the body's next § of the
-- meeting's year (the counter row is locked until commit, so concurrent callers get
-- consecutive numbers and a failed call gives its number back), then takes the
-- put_on_agenda transition with every check of pykala.transition.
CREATE FUNCTION pykala.put_on_agenda(p_organization text, p_decision bigint, p_date date, p_expected_version integer,
                                     p_request_id uuid) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id    bigint;
    d         decision;
    m         meeting;
    v_year    integer;
    v_section integer;
    result    jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    IF p_request_id IS NOT NULL AND EXISTS (SELECT 1 FROM decision_history WHERE request_id = p_request_id) THEN
        RETURN transition(p_organization, p_decision, 'put_on_agenda', p_expected_version, NULL, p_request_id);
    END IF;
    SELECT * INTO d FROM decision WHERE id = p_decision AND organization_id = org_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404';
    END IF;
    SELECT * INTO m FROM meeting WHERE organization_id = org_id AND body_id = d.body_id AND date = p_date;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% has no meeting on %', (SELECT name FROM body WHERE id = d.body_id), to_char(p_date, 'FMDD.FMMM.YYYY')
            USING ERRCODE = 'PK404', HINT = 'Create it with `pykala meeting new BODY DATE`.';
    END IF;
    v_year := extract(year FROM m.date);
    -- Numbers registered from earlier minutes count too: the counter never falls behind them.
    INSERT INTO section_counter AS counter (organization_id, body_id, year, last_section)
    VALUES (org_id, d.body_id, v_year,
            1 + coalesce((SELECT max(section) FROM decision
                           WHERE body_id = d.body_id AND meeting_date >= make_date(v_year, 1, 1)
                             AND meeting_date < make_date(v_year + 1, 1, 1)), 0))
    ON CONFLICT (body_id, year) DO UPDATE SET last_section = greatest(counter.last_section, EXCLUDED.last_section - 1) + 1
    RETURNING last_section INTO v_section;
    INSERT INTO agenda_item (organization_id, meeting_id, decision_id, body_id, year, section)
    VALUES (org_id, m.id, p_decision, d.body_id, v_year, v_section);
    -- The decision row carries its latest meeting and §; the § of an earlier meeting stays
    -- in agenda_item.
    UPDATE decision SET meeting_id = m.id, meeting_date = m.date, section = v_section WHERE id = p_decision;
    PERFORM append_event(org_id, 'agenda_placed', p_decision, NULL, NULL, NULL,
                         jsonb_changes(jsonb_build_object('meeting_date', d.meeting_date, 'section', d.section),
                                       jsonb_build_object('meeting_date', m.date, 'section', v_section)));
    result := transition(p_organization, p_decision, 'put_on_agenda', p_expected_version, NULL, p_request_id);
    RETURN result || jsonb_build_object('meeting_date', m.date, 'section', v_section);
END
$$;

-- Locks a decision for a change at its meeting; refuses unless it is on the agenda.
CREATE FUNCTION pykala.lock_on_agenda(org_id bigint, p_decision bigint) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    v_state text;
BEGIN
    SELECT state INTO v_state FROM decision WHERE id = p_decision AND organization_id = org_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404';
    END IF;
    IF v_state <> 'on_agenda' THEN
        RAISE EXCEPTION 'decision % is %; this is recorded while it is on the agenda', p_decision, v_state
            USING ERRCODE = 'PK409', HINT = 'Put it on an agenda first (`pykala agenda add`).';
    END IF;
END
$$;

-- Bumps a decision's version for a change made at its meeting, with a history row.
CREATE FUNCTION pykala.meeting_change(org_id bigint, p_decision bigint, p_action text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    UPDATE decision SET version = version + 1 WHERE id = p_decision AND organization_id = org_id;
    INSERT INTO decision_history (organization_id, decision_id, workflow_id, action, from_state, to_state, version_after)
    SELECT organization_id, id, workflow_id, p_action, state, state, version FROM decision WHERE id = p_decision;
END
$$;

-- The agenda item a decision has at its current meeting.
CREATE FUNCTION pykala.current_item(org_id bigint, p_decision bigint) RETURNS bigint
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    result bigint;
BEGIN
    SELECT i.id INTO result FROM agenda_item i JOIN decision d ON d.id = i.decision_id AND d.meeting_id = i.meeting_id
     WHERE d.id = p_decision AND d.organization_id = org_id ORDER BY i.id DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'decision % is on no meeting''s agenda', p_decision
            USING ERRCODE = 'PK409', HINT = 'Put it on an agenda with `pykala agenda add`.';
    END IF;
    RETURN result;
END
$$;

CREATE FUNCTION pykala.disqualify(p_organization text, p_decision bigint, p_person text, p_ground text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    v_item bigint;
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
    INSERT INTO disqualification (organization_id, agenda_item_id, person_id, ground)
    VALUES (org_id, v_item, person_id(org_id, p_person), p_ground)
    ON CONFLICT (agenda_item_id, person_id) DO UPDATE SET ground = EXCLUDED.ground;
    PERFORM meeting_change(org_id, p_decision, 'disqualify');
    PERFORM append_event(org_id, 'disqualified', p_decision, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('person', p_person, 'ground', p_ground)));
    RETURN jsonb_build_object('person', p_person, 'ground', p_ground, 'quorum', quorum_at(v_item));
END
$$;

-- Records a vote on a decision's current §: `ballots` is {"person name": "yes"|"no"|"blank"|"absent"}.
-- Every voter present at the § must have a ballot, nobody else may; the result is computed
-- (a tie goes the way the chair voted) and the decision's vote counts are set.
CREATE FUNCTION pykala.record_vote(p_organization text, p_decision bigint, p_yes text, p_no text, ballots jsonb) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id     bigint;
    v_item     bigint;
    v_vote     bigint;
    entry      record;
    v_person   bigint;
    given      bigint[] := '{}';
    missing    text;
    counts     jsonb;
    chair      text;
    v_result   text;
    by_chair   boolean := false;
    quorum     jsonb;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    -- One change to a § at a time, and only while the decision is on the agenda.
    PERFORM lock_on_agenda(org_id, p_decision);
    v_item := current_item(org_id, p_decision);
    quorum := quorum_at(v_item);
    IF quorum->>'seats' IS NULL THEN
        RAISE EXCEPTION 'the body has no number of seats, so its quorum cannot be checked'
            USING ERRCODE = 'PK422', HINT = 'Set it with `pykala body set BODY --seats N`.';
    END IF;
    IF (quorum->>'quorate')::boolean IS NOT TRUE THEN
        RAISE EXCEPTION 'the meeting is not quorate at this §: % present, % needed', quorum->>'present', quorum->>'needed'
            USING ERRCODE = 'PK422', HINT = 'Check the attendance (`pykala meeting show`).';
    END IF;
    IF jsonb_typeof(ballots) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'ballots must map names to yes, no, blank or absent' USING ERRCODE = 'PK422';
    END IF;
    INSERT INTO vote (organization_id, agenda_item_id, position, yes_motion, no_motion, yes_count, no_count, blank_count,
                      absent_count, result, decided_by_chair)
    VALUES (org_id, v_item, (SELECT coalesce(max(position), 0) + 1 FROM vote WHERE agenda_item_id = v_item), p_yes, p_no,
            0, 0, 0, 0, 'yes', false)
    RETURNING id INTO v_vote;
    FOR entry IN SELECT key, value FROM jsonb_each_text(ballots) LOOP
        v_person := person_id(org_id, entry.key);
        IF NOT EXISTS (SELECT 1 FROM voters_at(v_item) AS v WHERE v.person_id = v_person) THEN
            RAISE EXCEPTION '% may not vote at this §: not present, not a voting member, or disqualified', entry.key
                USING ERRCODE = 'PK422', HINT = 'Check the attendance and disqualifications (`pykala meeting show`).';
        END IF;
        INSERT INTO ballot (organization_id, vote_id, person_id, choice) VALUES (org_id, v_vote, v_person, entry.value);
        given := given || v_person;
    END LOOP;
    SELECT string_agg(p.name, ', ' ORDER BY p.name) INTO missing
      FROM voters_at(v_item) AS v JOIN person p ON p.id = v.person_id WHERE v.person_id <> ALL (given);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'no ballot for %', missing
            USING ERRCODE = 'PK422', HINT = 'Every voting member present at the § votes yes, no or blank (or absent).';
    END IF;
    SELECT jsonb_object_agg(c, n) INTO counts FROM (
        SELECT c, (SELECT count(*) FROM ballot WHERE vote_id = v_vote AND choice = c) AS n
          FROM unnest(ARRAY['yes', 'no', 'blank', 'absent']) AS c) AS t;
    IF (counts->>'yes')::integer > (counts->>'no')::integer THEN
        v_result := 'yes';
    ELSIF (counts->>'yes')::integer < (counts->>'no')::integer THEN
        v_result := 'no';
    ELSE
        SELECT b.choice INTO chair FROM ballot b JOIN attendance a ON a.person_id = b.person_id
         WHERE b.vote_id = v_vote AND a.meeting_id = (SELECT meeting_id FROM agenda_item WHERE id = v_item) AND a.role = 'chair';
        IF chair NOT IN ('yes', 'no') OR chair IS NULL THEN
            RAISE EXCEPTION 'the vote is tied % – %, and the chair''s vote does not decide it', counts->>'yes', counts->>'no'
                USING ERRCODE = 'PK422', HINT = 'Record the chair (attend --as chair) and the chair''s yes or no.';
        END IF;
        v_result := chair;
        by_chair := true;
    END IF;
    UPDATE vote SET yes_count = (counts->>'yes')::integer, no_count = (counts->>'no')::integer,
                    blank_count = (counts->>'blank')::integer, absent_count = (counts->>'absent')::integer,
                    result = v_result, decided_by_chair = by_chair
     WHERE id = v_vote;
    UPDATE decision SET vote = counts WHERE id = p_decision;
    PERFORM meeting_change(org_id, p_decision, 'vote');
    PERFORM append_event(org_id, 'vote_recorded', p_decision, NULL, NULL, NULL,
                         jsonb_changes(NULL, jsonb_build_object('yes_motion', p_yes, 'no_motion', p_no, 'counts', counts,
                                                                'result', v_result, 'decided_by_chair', by_chair, 'ballots', ballots)));
    RETURN jsonb_build_object('yes', (counts->>'yes')::integer, 'no', (counts->>'no')::integer,
                              'blank', (counts->>'blank')::integer, 'absent', (counts->>'absent')::integer,
                              'result', v_result, 'winning_motion', CASE v_result WHEN 'yes' THEN p_yes ELSE p_no END,
                              'decided_by_chair', by_chair);
END
$$;

-- Records how the body disposed of a decision on its agenda (the closed vocabulary of
-- outcomes) and the decision text, without a version check: the meeting's secretary
-- writes them as the meeting goes.
CREATE FUNCTION pykala.record_outcome(p_organization text, p_decision bigint, p_outcome text, p_text text) RETURNS jsonb
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    org_id bigint;
    d      decision;
BEGIN
    PERFORM require_role('secretary', 'admin');
    org_id := organization_id(p_organization);
    SELECT * INTO d FROM decision WHERE id = p_decision AND organization_id = org_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no decision has id %', p_decision USING ERRCODE = 'PK404';
    END IF;
    IF d.state <> 'on_agenda' THEN
        RAISE EXCEPTION 'decision % is %; an outcome is recorded while it is on the agenda', p_decision, d.state
            USING ERRCODE = 'PK409', HINT = 'Put it on an agenda first (`pykala agenda add`).';
    END IF;
    UPDATE decision SET outcome = p_outcome, decision_text = coalesce(p_text, decision_text) WHERE id = p_decision;
    PERFORM meeting_change(org_id, p_decision, 'outcome');
    PERFORM append_event(org_id, 'outcome_recorded', p_decision, NULL, NULL, NULL,
                         jsonb_changes(jsonb_build_object('outcome', d.outcome, 'decision', d.decision_text),
                                       jsonb_build_object('outcome', p_outcome, 'decision', coalesce(p_text, d.decision_text))));
    RETURN jsonb_build_object('decision', p_decision, 'outcome', p_outcome);
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.meeting_id(bigint, text, date), pykala.person_id(bigint, text),
    pykala.voters_at(bigint), pykala.quorum_at(bigint), pykala.current_item(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.quorum_at(bigint) TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
REVOKE EXECUTE ON FUNCTION pykala.lock_on_agenda(bigint, bigint), pykala.meeting_change(bigint, bigint, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.body_settings(text, text, integer, text), pykala.new_meeting(text, text, date, text, text),
    pykala.attend(text, text, date, text, text, text, integer, integer),
    pykala.put_on_agenda(text, bigint, date, integer, uuid), pykala.disqualify(text, bigint, text, text),
    pykala.record_vote(text, bigint, text, text, jsonb), pykala.record_outcome(text, bigint, text, text)
    TO pykala_secretary, pykala_admin;
RESET ROLE;

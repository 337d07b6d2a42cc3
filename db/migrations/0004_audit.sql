-- 0004 audit: the append-only, hash-chained event log that every later write function
-- appends to (docs/audit.md describes the encoding so that anyone can verify it).
--
-- Each event's `payload` is the text of a JSON object built by pykala.append_event;
-- hash = hex(SHA-256(prev_hash || '\n' || payload)), and the first event's prev_hash is 64
-- zeros. Events are appended under a lock on the chain's head row, so concurrent writers
-- never fork the chain; UNIQUE (prev_hash) and UNIQUE (seq) are the backstop.
SET LOCAL ROLE pykala_owner;

CREATE TABLE pykala.event (
    seq             bigint PRIMARY KEY CHECK (seq > 0),
    -- NULL for events outside any one organization (users, and the organizations themselves).
    organization_id bigint,
    decision_id     bigint,
    at              timestamptz NOT NULL,
    payload         text NOT NULL,
    prev_hash       text NOT NULL UNIQUE CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash            text NOT NULL UNIQUE CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX event_decision_idx ON pykala.event (decision_id, seq) WHERE decision_id IS NOT NULL;
CREATE INDEX event_organization_at_idx ON pykala.event (organization_id, at);

-- The head of the chain: locked by every append.
CREATE TABLE pykala.event_head (
    id        integer PRIMARY KEY CHECK (id = 1),
    last_seq  bigint NOT NULL,
    last_hash text NOT NULL CHECK (last_hash ~ '^[0-9a-f]{64}$')
);
INSERT INTO pykala.event_head VALUES (1, 0, repeat('0', 64));

GRANT SELECT ON pykala.event, pykala.event_head TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

-- Events are never changed or removed, not even by the schema's owner: no grants, and
-- these triggers (TRUNCATE fires no row triggers, hence the statement trigger).
CREATE FUNCTION pykala.refuse_event_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pykala, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'events are append-only: % is refused', TG_OP
        USING ERRCODE = 'PK403', HINT = 'The audit trail can only grow.';
END
$$;
CREATE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON pykala.event
    FOR EACH ROW EXECUTE FUNCTION pykala.refuse_event_change();
CREATE TRIGGER event_no_truncate BEFORE TRUNCATE ON pykala.event
    FOR EACH STATEMENT EXECUTE FUNCTION pykala.refuse_event_change();
CREATE TRIGGER event_head_no_truncate BEFORE TRUNCATE OR DELETE ON pykala.event_head
    FOR EACH STATEMENT EXECUTE FUNCTION pykala.refuse_event_change();

-- The fields of `after` that differ from `before`, as {"field": {"before": …, "after": …}}.
CREATE FUNCTION pykala.jsonb_changes(before jsonb, after jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('before', before->key, 'after', after->key)), '{}')
              FROM (SELECT jsonb_object_keys(coalesce(before, '{}')) UNION SELECT jsonb_object_keys(coalesce(after, '{}'))) AS k(key)
             WHERE (before->key) IS DISTINCT FROM (after->key));

-- Appends one event for the current change, in the caller's transaction. The actor is
-- always session_user; `on_behalf_of` names the user a deputy acted for.
CREATE FUNCTION pykala.append_event(p_organization bigint, p_kind text, p_decision bigint, p_from text, p_to text,
                                    p_comment text, p_changes jsonb, p_on_behalf_of text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    head    event_head;
    v_at    timestamptz := clock_timestamp();
    v_seq   bigint;
    payload text;
    v_hash  text;
BEGIN
    -- READ COMMITTED: the lock waits for the previous appender to commit, then reads its head.
    SELECT * INTO head FROM event_head WHERE id = 1 FOR UPDATE;
    v_seq := head.last_seq + 1;
    payload := jsonb_build_object(
        'seq', v_seq,
        'at', to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actor', session_user::text,
        'on_behalf_of', p_on_behalf_of,
        'kind', p_kind,
        'organization_id', p_organization,
        'decision_id', p_decision,
        'from', p_from,
        'to', p_to,
        'comment', p_comment,
        'changes', coalesce(p_changes, '{}'))::text;
    v_hash := encode(sha256(convert_to(head.last_hash || E'\n' || payload, 'UTF8')), 'hex');
    INSERT INTO event (seq, organization_id, decision_id, at, payload, prev_hash, hash)
    VALUES (v_seq, p_organization, p_decision, v_at, payload, head.last_hash, v_hash);
    UPDATE event_head SET last_seq = v_seq, last_hash = v_hash WHERE id = 1;
    RETURN v_seq;
END
$$;

REVOKE EXECUTE ON FUNCTION pykala.append_event(bigint, text, bigint, text, text, text, jsonb, text) FROM PUBLIC;
RESET ROLE;

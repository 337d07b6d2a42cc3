-- 0010 event head per transaction: appending N events in one transaction updated the
-- chain's head row N times, and each lookup of that row walked every version the
-- transaction had made of it: quadratic (a registration of 20 000 decisions took minutes).
-- Now the first append of a transaction locks the head and reads it; later appends of the
-- same transaction take seq and hash from a transaction-local setting; the head row is
-- written once, when the transaction commits (a deferred trigger). Hashes, order and
-- locking are unchanged: the head stays locked from the first append to the commit.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.append_event(p_organization bigint, p_kind text, p_decision bigint, p_from text, p_to text,
                                               p_comment text, p_changes jsonb, p_on_behalf_of text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    cached    text := current_setting('pykala.event_head', true);
    last_seq  bigint;
    last_hash text;
    v_at      timestamptz := clock_timestamp();
    v_seq     bigint;
    payload   text;
    v_hash    text;
BEGIN
    IF cached IS NOT NULL AND cached <> '' AND split_part(cached, ':', 1) = txid_current()::text THEN
        last_seq := split_part(cached, ':', 2)::bigint;
        last_hash := split_part(cached, ':', 3);
    ELSE
        -- READ COMMITTED: the lock waits for the previous appender to commit, then reads its head.
        SELECT h.last_seq, h.last_hash INTO last_seq, last_hash FROM event_head h WHERE h.id = 1 FOR UPDATE;
    END IF;
    v_seq := last_seq + 1;
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
    v_hash := encode(sha256(convert_to(last_hash || E'\n' || payload, 'UTF8')), 'hex');
    INSERT INTO event (seq, organization_id, decision_id, at, payload, prev_hash, hash)
    VALUES (v_seq, p_organization, p_decision, v_at, payload, last_hash, v_hash);
    PERFORM set_config('pykala.event_head', txid_current()::text || ':' || v_seq || ':' || v_hash, true);
    RETURN v_seq;
END
$$;

-- At commit: the head row takes the transaction's last event, once.
CREATE FUNCTION pykala.write_event_head() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    cached text := current_setting('pykala.event_head', true);
BEGIN
    IF cached IS NULL OR cached = '' OR current_setting('pykala.event_head_written', true) = cached THEN
        RETURN NULL;
    END IF;
    UPDATE event_head SET last_seq = split_part(cached, ':', 2)::bigint, last_hash = split_part(cached, ':', 3) WHERE id = 1;
    PERFORM set_config('pykala.event_head_written', cached, true);
    RETURN NULL;
END
$$;
REVOKE EXECUTE ON FUNCTION pykala.write_event_head() FROM PUBLIC;

CREATE CONSTRAINT TRIGGER event_head_at_commit AFTER INSERT ON pykala.event
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pykala.write_event_head();

RESET ROLE;

-- 0019 events sealed by whoever holds the chain: every append locked the chain's head row
-- and kept it until its transaction ended, which with synchronous commit includes the WAL
-- flush, so concurrent workflow steps passed the chain one flush at a time (8 clients did
-- no more steps per second than 1, against pgbench's 4.5 times as many).
--
-- Now an append writes its event to event_pending, without a lock. When the transaction
-- commits, a deferred trigger tries the head's lock without waiting: the transaction that
-- gets it numbers, hashes and moves into the chain every pending event it can see (its own
-- and those of transactions that committed before), in the order they were appended; a
-- transaction that finds the head locked leaves its events to the next one that gets it,
-- and commits at once. So steps flush together, and the chain is still appended to by one
-- transaction at a time, under the head's lock: the chain, its payloads and its hashes are
-- as before (docs/audit.md), and UNIQUE (prev_hash) and UNIQUE (seq) are still the backstop.
--
-- A step's event is durable when the step has committed (event_pending is an ordinary
-- table), but it may enter the chain only with a later transaction's commit. Whatever reads
-- the chain (audit verify, audit digest, history exports) first calls pykala.seal_events(),
-- which waits for the lock and chains everything committed until then. Registration takes
-- the lock and seals before it appends its own events, as before (lock_event_head).
--
-- The head is always read from its row, locked: the copy 0010 kept in a setting
-- (pykala.event_head) is gone, since any session can set a pykala.* setting and so could
-- have made a sealer append after a head of its choosing. Every writer writes the row.
--
-- A transaction left open with an xid keeps the horizon below it, so sealers scan every
-- pending row younger than it until it ends (idle_in_transaction_session_timeout ends such
-- sessions).
SET LOCAL ROLE pykala_owner;

-- Events appended and committed, not yet in the chain.
CREATE TABLE pykala.event_pending (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    -- The appending transaction: a sealer looks only at those that had not ended when the
    -- sealer before it looked (event_head.sealed_before), so it reads no more than the
    -- recent end of this table however many sealed rows wait for VACUUM.
    xid             xid8 NOT NULL DEFAULT pg_current_xact_id(),
    organization_id bigint,
    decision_id     bigint,
    at              timestamptz NOT NULL,
    actor           text NOT NULL,
    on_behalf_of    text,
    kind            text NOT NULL,
    from_state      text,
    to_state        text,
    comment         text,
    changes         jsonb NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000);
CREATE INDEX event_pending_xid_idx ON pykala.event_pending (xid);
-- Readable as the chain is; written only by the functions. A pending event is never changed,
-- not even by the schema's owner: it is removed only when it enters the chain.
GRANT SELECT ON pykala.event_pending TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
CREATE TRIGGER event_pending_append_only BEFORE UPDATE ON pykala.event_pending
    FOR EACH ROW EXECUTE FUNCTION pykala.refuse_event_change();
CREATE TRIGGER event_pending_no_truncate BEFORE TRUNCATE ON pykala.event_pending
    FOR EACH STATEMENT EXECUTE FUNCTION pykala.refuse_event_change();

-- Every transaction older than this had ended when the last sealer looked, so their pending
-- events are chained: the next sealer looks at younger ones only.
ALTER TABLE pykala.event_head ADD COLUMN sealed_before xid8 NOT NULL DEFAULT '0';

-- Appends payloads to the chain after seq `head_seq` and hash `head_hash`: the first
-- payload becomes event head_seq + 1, and so on. Only the hashes are chained one by one;
-- the rows go in with one statement. Returns the new head's hash. (The payloads must name
-- their seq: whoever builds them numbers them from head_seq + 1.)
CREATE FUNCTION pykala.chain_payloads(head_seq bigint, head_hash text, payloads text[], organizations bigint[],
                                      decisions bigint[], ats timestamptz[]) RETURNS text
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    hashes  text[] := '{}';
    payload text;
    last    text := head_hash;
BEGIN
    FOREACH payload IN ARRAY payloads LOOP
        last := pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(last || E'\n' || payload, 'UTF8')), 'hex');
        hashes := pg_catalog.array_append(hashes, last);
    END LOOP;
    -- unnest walks the arrays once (subscripting them per row would walk each from the start each time).
    INSERT INTO pykala.event (seq, organization_id, decision_id, at, payload, prev_hash, hash)
    SELECT head_seq + e.position, e.organization_id, e.decision_id, e.at, e.payload,
           coalesce(lag(e.hash) OVER (ORDER BY e.position), head_hash), e.hash
      FROM unnest(payloads, organizations, decisions, ats, hashes) WITH ORDINALITY
           AS e(payload, organization_id, decision_id, at, hash, position)
     ORDER BY e.position;
    RETURN last;
END
$$;

-- Moves every pending event this transaction can see into the chain, in the order they
-- were appended, under the head's lock: waiting for it when `wait`, else only if no other
-- transaction holds it (NULL then). Returns how many it chained; the head row is left
-- locked by this transaction until it ends. It runs as its caller, always one of the
-- definer's functions below (no role may execute it).
CREATE FUNCTION pykala.seal_pending(wait boolean) RETURNS integer
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    head_seq      bigint;
    head_hash     text;
    looked        xid8;
    horizon       xid8;
    row_ids       tid[];
    payloads      text[];
    organizations bigint[];
    decisions     bigint[];
    ats           timestamptz[];
    sealed        integer;
BEGIN
    -- The head row itself, never a copy kept in a setting (any session can set those): a
    -- transaction that already holds it gets it back at once, as this transaction left it.
    IF wait THEN
        -- READ COMMITTED: the lock waits for the holder to commit, then reads the head it left.
        SELECT h.last_seq, h.last_hash, h.sealed_before INTO head_seq, head_hash, looked FROM event_head h WHERE h.id = 1 FOR UPDATE;
    ELSE
        SELECT h.last_seq, h.last_hash, h.sealed_before INTO head_seq, head_hash, looked
          FROM event_head h WHERE h.id = 1 FOR UPDATE SKIP LOCKED;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
    END IF;
    -- Taken after the lock and before the scan (whose snapshot is newer still): every
    -- transaction older than `horizon` has ended, so the scan sees all that they committed.
    horizon := pg_snapshot_xmin(pg_current_snapshot());
    -- The payloads as append_event's were built before 0019, numbered in the order appended.
    -- Bounded on both sides, so the planner takes the index even when the table's statistics
    -- say it is small: the statement's snapshot sees no transaction from its xmax on but this
    -- one (whose own xid can be past it: xmax follows the last transaction that ended).
    SELECT array_agg(p.row_id ORDER BY p.n),
           array_agg(jsonb_build_object(
                         'seq', head_seq + p.n,
                         'at', to_char(p.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                         'actor', p.actor,
                         'on_behalf_of', p.on_behalf_of,
                         'kind', p.kind,
                         'organization_id', p.organization_id,
                         'decision_id', p.decision_id,
                         'from', p.from_state,
                         'to', p.to_state,
                         'comment', p.comment,
                         'changes', p.changes)::text ORDER BY p.n),
           array_agg(p.organization_id ORDER BY p.n), array_agg(p.decision_id ORDER BY p.n), array_agg(p.at ORDER BY p.n)
      INTO row_ids, payloads, organizations, decisions, ats
      FROM (SELECT e.ctid AS row_id, row_number() OVER (ORDER BY e.id) AS n, e.*
              FROM event_pending e
             WHERE e.xid BETWEEN looked AND greatest(pg_snapshot_xmax(pg_current_snapshot()), pg_current_xact_id())) AS p;
    sealed := coalesce(cardinality(row_ids), 0);
    IF sealed > 0 THEN
        head_hash := chain_payloads(head_seq, head_hash, payloads, organizations, decisions, ats);
        head_seq := head_seq + sealed;
        -- By the rows' addresses (no other transaction can change them: only the head's holder deletes).
        DELETE FROM event_pending WHERE ctid = ANY (row_ids);
    END IF;
    IF sealed > 0 OR horizon > looked THEN
        UPDATE event_head SET last_seq = head_seq, last_hash = head_hash, sealed_before = greatest(horizon, looked) WHERE id = 1;
    END IF;
    RETURN sealed;
END
$$;

-- Appends one event for the current change, in the caller's transaction: as pending, chained
-- at commit (above). The actor is always session_user; `on_behalf_of` names the user a
-- deputy acted for. Returns the pending event's id (the chain's seq is given at sealing).
-- It runs as its caller, always one of the definer's functions (no role may execute it).
CREATE OR REPLACE FUNCTION pykala.append_event(p_organization bigint, p_kind text, p_decision bigint, p_from text, p_to text,
                                               p_comment text, p_changes jsonb, p_on_behalf_of text DEFAULT NULL) RETURNS bigint
    LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_id bigint;
BEGIN
    INSERT INTO pykala.event_pending (organization_id, decision_id, at, actor, on_behalf_of, kind, from_state, to_state,
                                      comment, changes)
    VALUES (p_organization, p_decision, pg_catalog.clock_timestamp(), session_user, p_on_behalf_of, p_kind, p_from, p_to,
            p_comment, coalesce(p_changes, '{}'))
    RETURNING id INTO v_id;
    RETURN v_id;
END
$$;

-- At commit: chain this transaction's pending events, and any others committed before, if
-- the head is free or already this transaction's. Fired for each pending row, it tries once
-- per transaction: the first firing comes after the transaction's last append, so it takes
-- them all (under SET CONSTRAINTS ALL IMMEDIATE, later ones wait for the next holder).
CREATE FUNCTION pykala.seal_at_commit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    me text := txid_current()::text;
BEGIN
    IF current_setting('pykala.seal_tried', true) IS DISTINCT FROM me THEN
        PERFORM set_config('pykala.seal_tried', me, true);
        PERFORM seal_pending(false);
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER event_pending_sealed_at_commit AFTER INSERT ON pykala.event_pending
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pykala.seal_at_commit();

-- For readers of the chain: waits for the head and chains everything committed until now.
-- Adds nothing that was not already appended; open to every pykala role, auditors included.
-- When nothing waits, it locks and writes nothing, so a reader's transaction stays read-only.
CREATE FUNCTION pykala.seal_events() RETURNS integer
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp SET lock_timeout = '30s' AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM event_pending
                    WHERE xid >= (SELECT h.sealed_before FROM event_head h WHERE h.id = 1)) THEN
        RETURN 0;
    END IF;
    RETURN seal_pending(true);
EXCEPTION WHEN lock_not_available THEN
    RAISE EXCEPTION 'the audit chain''s head has been held by another session for 30 s, so the events waiting for it cannot be chained now'
        USING ERRCODE = 'lock_not_available',
              HINT = 'pg_stat_activity shows the session; a transaction left open holds it until it commits or is cancelled.';
END
$$;

-- Registration's events follow everything pending: the head is locked (waiting), what
-- waits is chained, and the head is returned as "seq:hash".
CREATE OR REPLACE FUNCTION pykala.lock_event_head() RETURNS text
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    PERFORM seal_pending(true);
    RETURN (SELECT h.last_seq || ':' || h.last_hash FROM event_head h WHERE h.id = 1);
END
$$;

-- As in 0013, through chain_payloads, and the head row written here, once per call, instead
-- of by a trigger fired at commit for every event inserted (write_event_head, 0010: 200 000
-- firings for a registration of 100 000 decisions, each finding the head already written).
CREATE OR REPLACE FUNCTION pykala.append_registering_events(head text) RETURNS void
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
DECLARE
    first_seq     bigint := split_part(head, ':', 1)::bigint;
    payloads      text[];
    organizations bigint[];
    decisions     bigint[];
    ats           timestamptz[];
    head_hash     text;
BEGIN
    SELECT array_agg(e.payload ORDER BY e.position), array_agg(e.organization_id ORDER BY e.position),
           array_agg(e.decision_id ORDER BY e.position), array_agg(e.at ORDER BY e.position)
      INTO payloads, organizations, decisions, ats
      FROM pg_temp.registering_event e;
    IF payloads IS NULL THEN
        RETURN;
    END IF;
    head_hash := chain_payloads(first_seq, split_part(head, ':', 2), payloads, organizations, decisions, ats);
    UPDATE event_head SET last_seq = first_seq + cardinality(payloads), last_hash = head_hash WHERE id = 1;
END
$$;

-- Every writer of the chain now writes the head row itself.
DROP TRIGGER event_head_at_commit ON pykala.event;
DROP FUNCTION pykala.write_event_head();

REVOKE EXECUTE ON FUNCTION pykala.chain_payloads(bigint, text, text[], bigint[], bigint[], timestamptz[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.seal_pending(boolean) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.seal_at_commit() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.seal_events() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pykala.seal_events() TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

RESET ROLE;

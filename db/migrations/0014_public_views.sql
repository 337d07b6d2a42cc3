-- 0014 public views: what the public portal and the open-data API may show, as views in a
-- schema of their own, and a login that can read those views and nothing else. The rules of
-- publication (DESIGN.md "Publication") are applied here, in the database, so a bug in the
-- web code cannot show more:
--   * a decision is public once its minutes are published (the workflow took it to
--     `published`); nothing of it before;
--   * a secret decision shows its title, its decision and the legal basis of its secrecy only;
--   * officials' work contacts are public; a private person's phone and e-mail never are,
--     and their name goes when the appeal period has ended.
-- The views run with their owner's rights (pykala_owner); pykala_web may read them and has
-- no right on the pykala schema at all. It cannot create functions anywhere, so no function
-- of its own can see the rows a view filters out.

DO $roles$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pykala_web') THEN
        BEGIN
            CREATE ROLE pykala_web NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    -- The login `pykala serve` uses on the embedded default; on a server of your own, give it a
    -- password (or make a login of your own a member of pykala_web).
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'pykala_portal') THEN
        BEGIN
            CREATE ROLE pykala_portal LOGIN IN ROLE pykala_web;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
END
$roles$;

CREATE SCHEMA IF NOT EXISTS pykala_public AUTHORIZATION pykala_owner;
COMMENT ON SCHEMA pykala_public IS 'Pykälä: what may be published, as views; the web portal reads only these';
REVOKE ALL ON SCHEMA pykala_public FROM PUBLIC;

SET LOCAL ROLE pykala_owner;

CREATE INDEX decision_history_published_idx ON pykala.decision_history (decision_id, at) WHERE to_state = 'published';

-- Full-text search over what a decision shows the public: title, description (public
-- decisions only) and decision, in Finnish and in Swedish. Kept in a table of its own, so
-- that a workflow step (which changes a decision's state, not its text) does not compute
-- both vectors again and rewrite two GIN indexes.
CREATE TABLE pykala.decision_search (
    decision_id bigint PRIMARY KEY REFERENCES pykala.decision (id),
    search_fi   tsvector NOT NULL,
    search_sv   tsvector NOT NULL
);
CREATE INDEX decision_search_fi_idx ON pykala.decision_search USING gin (search_fi);
CREATE INDEX decision_search_sv_idx ON pykala.decision_search USING gin (search_sv);

CREATE FUNCTION pykala.search_text(title text, description text, decision_text text, publicity text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN title || ' ' || coalesce(CASE WHEN publicity = 'public' THEN description END, '') || ' ' || coalesce(decision_text, '');

-- New decisions, a statement at a time (a bulk registration is one statement).
CREATE FUNCTION pykala.index_new_decisions() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    INSERT INTO decision_search (decision_id, search_fi, search_sv)
    SELECT n.id, to_tsvector('finnish'::regconfig, search_text(n.title, n.description, n.decision_text, n.publicity)),
           to_tsvector('swedish'::regconfig, search_text(n.title, n.description, n.decision_text, n.publicity))
      FROM inserted n;
    RETURN NULL;
END
$$;
CREATE TRIGGER decision_search_on_insert AFTER INSERT ON pykala.decision
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION pykala.index_new_decisions();

-- A decision whose text or publicity changed (an edited draft, a recorded decision).
CREATE FUNCTION pykala.index_changed_decision() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    UPDATE decision_search
       SET search_fi = to_tsvector('finnish'::regconfig, search_text(NEW.title, NEW.description, NEW.decision_text, NEW.publicity)),
           search_sv = to_tsvector('swedish'::regconfig, search_text(NEW.title, NEW.description, NEW.decision_text, NEW.publicity))
     WHERE decision_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER decision_search_on_update AFTER UPDATE OF title, description, decision_text, publicity ON pykala.decision
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
                       OR OLD.decision_text IS DISTINCT FROM NEW.decision_text OR OLD.publicity IS DISTINCT FROM NEW.publicity)
    EXECUTE FUNCTION pykala.index_changed_decision();
REVOKE EXECUTE ON FUNCTION pykala.index_new_decisions() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION pykala.index_changed_decision() FROM PUBLIC;

INSERT INTO pykala.decision_search (decision_id, search_fi, search_sv)
SELECT d.id, to_tsvector('finnish'::regconfig, pykala.search_text(d.title, d.description, d.decision_text, d.publicity)),
       to_tsvector('swedish'::regconfig, pykala.search_text(d.title, d.description, d.decision_text, d.publicity))
  FROM pykala.decision d;
GRANT SELECT ON pykala.decision_search TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;

CREATE INDEX agenda_item_decision_idx ON pykala.agenda_item (decision_id, meeting_id);

CREATE VIEW pykala_public.organization AS
SELECT o.id, o.name, o.name_sv, o.business_id FROM pykala.organization o;

CREATE VIEW pykala_public.body AS
SELECT b.id, b.organization_id, o.name AS organization, b.name, b.name_sv, b.kind
  FROM pykala.body b JOIN pykala.organization o ON o.id = b.organization_id;

-- Decisions whose minutes are published. Secret ones: title, decision and legal basis only.
CREATE VIEW pykala_public.decision AS
SELECT d.id, d.organization_id, o.name AS organization, d.body_id, b.name AS body, b.name_sv AS body_sv,
       d.case_id, c.diary_number,
       (SELECT m.id FROM pykala.meeting m WHERE m.body_id = d.body_id AND m.date = d.meeting_date) AS meeting_id,
       d.meeting_date, d.section, d.title,
       CASE WHEN d.publicity = 'public' THEN d.description END AS description,
       CASE WHEN d.publicity = 'public' THEN d.proposal END AS proposal,
       d.decision_text AS decision,
       CASE WHEN d.publicity = 'public' THEN d.outcome END AS outcome,
       CASE WHEN d.publicity = 'public' THEN d.vote END AS vote,
       CASE WHEN d.publicity = 'public' THEN d.disqualified ELSE '[]' END AS disqualified,
       CASE WHEN d.publicity = 'public' THEN d.earlier_handlings ELSE '[]' END AS earlier_handlings,
       CASE WHEN d.publicity = 'public' THEN d.total_cents END AS total_cents,
       CASE WHEN d.publicity = 'public' THEN p.name END AS project,
       d.publicity, d.secrecy_basis, d.state, pub.published_at,
       (SELECT max(l.due_date) FROM pykala.deadline l WHERE l.decision_id = d.id AND l.kind = 'appeal_ends') AS appeal_ends,
       ts.search_fi, ts.search_sv
  FROM pykala.decision d
  -- When its minutes were published: the first time its workflow took it to `published`
  -- (one index lookup a decision, so a query for one decision reads one decision).
  CROSS JOIN LATERAL (SELECT min(h.at) AS published_at FROM pykala.decision_history h
                       WHERE h.decision_id = d.id AND h.to_state = 'published') AS pub
  JOIN pykala.organization o ON o.id = d.organization_id
  JOIN pykala.body b ON b.id = d.body_id
  LEFT JOIN pykala."case" c ON c.id = d.case_id
  LEFT JOIN pykala.project p ON p.id = d.project_id
  JOIN pykala.decision_search ts ON ts.decision_id = d.id
 WHERE pub.published_at IS NOT NULL;

-- The §§ of each meeting, as the minutes list them (MeetingView): agenda places, and the
-- sections registered from earlier minutes on the body's meeting day.
CREATE VIEW pykala.meeting_section AS
SELECT i.meeting_id, i.section, i.decision_id FROM pykala.agenda_item i
UNION ALL
SELECT m.id, d.section, d.id
  FROM pykala.decision d JOIN pykala.meeting m ON m.body_id = d.body_id AND m.date = d.meeting_date
 WHERE d.section IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM pykala.agenda_item i WHERE i.decision_id = d.id AND i.meeting_id = m.id);

-- The §§ of published minutes. An item's id is its meeting's id × 100 000 + its § number.
CREATE VIEW pykala_public.agenda_item AS
SELECT s.meeting_id * 100000 + s.section AS id, s.meeting_id, d.body_id, s.section, s.decision_id, d.title, d.publicity,
       d.outcome
  FROM pykala.meeting_section s JOIN pykala_public.decision d ON d.id = s.decision_id;

-- Meetings with published minutes.
CREATE VIEW pykala_public.meeting AS
SELECT m.id, m.organization_id, m.body_id, b.name AS body, b.name_sv AS body_sv, m.date, m.number, m.place,
       published.published_at, published.appeal_ends, published.sections
  FROM pykala.meeting m
  JOIN pykala.body b ON b.id = m.body_id
  JOIN LATERAL (SELECT min(d.published_at) AS published_at, max(d.appeal_ends) AS appeal_ends, count(*) AS sections
                  FROM pykala.meeting_section s JOIN pykala_public.decision d ON d.id = s.decision_id
                 WHERE s.meeting_id = m.id) AS published ON published.sections > 0;

-- Cost shares of public decisions.
CREATE VIEW pykala_public.cost_share AS
SELECT s.id, s.decision_id, s.position, s.year, s.amount_cents, s.currency, s.source
  FROM pykala.cost_share s JOIN pykala_public.decision d ON d.id = s.decision_id AND d.publicity = 'public';

-- Deadlines of public decisions; of a secret one, only when its appeal period ends.
CREATE VIEW pykala_public.deadline AS
SELECT l.id, l.decision_id, l.kind, l.due_date, CASE WHEN d.publicity = 'public' THEN l.text END AS text,
       l.done_at IS NOT NULL AS done
  FROM pykala.deadline l JOIN pykala_public.decision d ON d.id = l.decision_id
 WHERE d.publicity = 'public' OR l.kind = 'appeal_ends';

-- Contacts of public decisions: officials with their work phone and e-mail; a private person
-- by name only, and not at all once the appeal period has ended.
CREATE VIEW pykala_public.contact AS
SELECT t.id, t.decision_id, t.position, t.role, pe.name, pe.title,
       CASE WHEN NOT pe.is_private THEN pe.phone END AS phone,
       CASE WHEN NOT pe.is_private THEN pe.email END AS email,
       pe.is_private AS private
  FROM pykala.contact t
  JOIN pykala.person pe ON pe.id = t.person_id
  JOIN pykala_public.decision d ON d.id = t.decision_id AND d.publicity = 'public'
 WHERE NOT pe.is_private
    OR d.appeal_ends IS NULL
    OR d.appeal_ends >= (now() AT TIME ZONE 'Europe/Helsinki')::date;

-- Votes and disqualified members of public decisions (elected members act in public).
CREATE VIEW pykala_public.vote AS
SELECT v.id, a.decision_id, v.position, v.yes_motion, v.no_motion, v.yes_count, v.no_count, v.blank_count, v.absent_count,
       v.result, v.decided_by_chair
  FROM pykala.vote v
  JOIN pykala.agenda_item a ON a.id = v.agenda_item_id
  JOIN pykala_public.decision d ON d.id = a.decision_id AND d.publicity = 'public';

CREATE VIEW pykala_public.disqualification AS
SELECT q.id, a.decision_id, pe.name, q.ground
  FROM pykala.disqualification q
  JOIN pykala.agenda_item a ON a.id = q.agenda_item_id
  JOIN pykala.person pe ON pe.id = q.person_id
  JOIN pykala_public.decision d ON d.id = a.decision_id AND d.publicity = 'public';

GRANT USAGE ON SCHEMA pykala_public TO pykala_web, pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA pykala_public TO pykala_web, pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
RESET ROLE;

-- 0018 deputies serve for absent members only: a deputy member (varajäsen) recorded as
-- serving for a member counted towards the quorum and could vote even at a § where that
-- member was present too, so one seat counted twice. A deputy now counts at a § only when
-- the member they serve for does not: absent from it (not arrived yet, or left), or
-- disqualified from it (the deputy then takes part in that matter in the member's place);
-- and of two deputies present for one member, only the one recorded first.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.voters_at(p_item bigint) RETURNS TABLE (person_id bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
        WITH present AS (
            SELECT a.id, a.person_id, a.role, a.deputy_for
              FROM agenda_item i JOIN attendance a ON a.meeting_id = i.meeting_id
             WHERE i.id = p_item AND a.voting
               AND (a.arrived_section IS NULL OR a.arrived_section <= i.section)
               AND (a.left_section IS NULL OR a.left_section >= i.section)
               AND NOT EXISTS (SELECT 1 FROM disqualification q WHERE q.agenda_item_id = i.id AND q.person_id = a.person_id))
        SELECT DISTINCT p.person_id
          FROM present p
         WHERE p.role <> 'deputy'
            OR (NOT EXISTS (SELECT 1 FROM present m WHERE m.person_id = p.deputy_for AND m.role <> 'deputy')
                AND NOT EXISTS (SELECT 1 FROM present o WHERE o.role = 'deputy' AND o.deputy_for = p.deputy_for AND o.id < p.id));
    $$;

RESET ROLE;

-- 0012 helpers in PL/pgSQL: SQL functions with a subquery, or SECURITY DEFINER, are never
-- inlined, and each call read back and planned their body again (registration spent
-- nearly half its time there). The same bodies as PL/pgSQL keep their plans.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.decision_snapshot(p_decision bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    RETURN (SELECT jsonb_build_object(
                'title', d.title, 'body', b.name, 'diary_number', c.diary_number, 'project', p.name,
                'description', d.description, 'proposal', d.proposal, 'decision', d.decision_text, 'outcome', d.outcome,
                'vote', d.vote, 'disqualified', d.disqualified, 'earlier_handlings', d.earlier_handlings,
                'meeting_date', d.meeting_date, 'section', d.section, 'total_cents', d.total_cents,
                'publicity', d.publicity, 'secrecy_basis', d.secrecy_basis,
                'cost_shares', (SELECT coalesce(jsonb_agg(jsonb_build_object('year', s.year, 'amount_cents', s.amount_cents,
                                                                              'source', s.source) ORDER BY s.position), '[]')
                                  FROM pykala.cost_share s WHERE s.decision_id = d.id),
                'deadlines', (SELECT coalesce(jsonb_agg(jsonb_build_object('kind', l.kind, 'date', l.due_date, 'text', l.text,
                                                                            'done', l.done_at IS NOT NULL) ORDER BY l.due_date, l.id), '[]')
                                FROM pykala.deadline l WHERE l.decision_id = d.id),
                'contacts', (SELECT coalesce(jsonb_agg(jsonb_build_object('role', t.role, 'name', pe.name) ORDER BY t.position), '[]')
                               FROM pykala.contact t JOIN pykala.person pe ON pe.id = t.person_id WHERE t.decision_id = d.id))
              FROM pykala.decision d
              JOIN pykala.body b ON b.id = d.body_id
              LEFT JOIN pykala."case" c ON c.id = d.case_id
              LEFT JOIN pykala.project p ON p.id = d.project_id
             WHERE d.id = p_decision);
END
$$;

CREATE OR REPLACE FUNCTION pykala.jsonb_changes(before jsonb, after jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN (SELECT coalesce(jsonb_object_agg(key, jsonb_build_object('before', before->key, 'after', after->key)), '{}')
              FROM (SELECT jsonb_object_keys(coalesce(before, '{}')) UNION SELECT jsonb_object_keys(coalesce(after, '{}'))) AS k(key)
             WHERE (before->key) IS DISTINCT FROM (after->key));
END
$$;

CREATE OR REPLACE FUNCTION pykala.case_json(v_case_id bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN (SELECT jsonb_build_object('id', id, 'diary_number', diary_number, 'running', running,
                                      'classification', classification, 'year', year, 'title', title)
              FROM pykala."case" WHERE id = v_case_id);
END
$$;

CREATE OR REPLACE FUNCTION pykala.are_clean_lines(items text[], max_length integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN items IS NULL OR (SELECT coalesce(bool_and(item IS NOT NULL AND pykala.is_clean_line(item, max_length)), true)
                             FROM unnest(items) AS item);
END
$$;

CREATE OR REPLACE FUNCTION pykala.caller_roles() RETURNS text[]
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    RETURN (SELECT CASE WHEN (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = session_user)
                        THEN ARRAY['secretary', 'manager', 'auditor', 'admin']
                        ELSE ARRAY(SELECT r FROM unnest(ARRAY['secretary', 'manager', 'auditor', 'admin']) AS r
                                    WHERE pg_catalog.pg_has_role(session_user, 'pykala_' || r, 'MEMBER'))
                   END);
END
$$;

CREATE OR REPLACE FUNCTION pykala.caller_description() RETURNS text
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    RETURN format('%s `%s`', coalesce(nullif(array_to_string(pykala.caller_roles(), ' and '), ''), 'without a pykala role,'),
                  session_user);
END
$$;

CREATE OR REPLACE FUNCTION pykala.project_snapshot(p_project bigint) RETURNS jsonb
    LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pykala, pg_temp AS $$
BEGIN
    RETURN (SELECT jsonb_build_object(
                'name', p.name, 'coordinator', p.coordinator, 'period', p.period, 'goals', p.goals,
                'partners', to_jsonb(p.partners), 'funders', to_jsonb(p.funders),
                'contacts', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', pe.name, 'responsibility', pc.responsibility)
                                                       ORDER BY pe.name), '[]')
                               FROM pykala.project_contact pc JOIN pykala.person pe ON pe.id = pc.person_id
                              WHERE pc.project_id = p.id))
              FROM pykala.project p WHERE p.id = p_project);
END
$$;

CREATE OR REPLACE FUNCTION pykala.organization_json(o pykala.organization) RETURNS jsonb
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN jsonb_build_object('id', o.id, 'name', o.name, 'name_sv', o.name_sv, 'business_id', o.business_id);
END
$$;

CREATE OR REPLACE FUNCTION pykala.new_items(existing text[], items jsonb) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN ARRAY(SELECT item
                   FROM jsonb_array_elements_text(coalesce(items, '[]')) WITH ORDINALITY AS t(item, n)
                  WHERE item <> ALL (existing) GROUP BY item ORDER BY min(n));
END
$$;

RESET ROLE;

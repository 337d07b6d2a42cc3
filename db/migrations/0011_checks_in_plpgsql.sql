-- 0011 checks in PL/pgSQL: the CHECK constraints call is_clean_line and is_clean_text on
-- every row written. As SQL-standard function bodies they were read back from their stored
-- parse tree and planned again for every INSERT (a third of a registration's time); as
-- PL/pgSQL they keep their plan for the session. Same rules, same results.
SET LOCAL ROLE pykala_owner;

CREATE OR REPLACE FUNCTION pykala.is_clean_line(value text, max_length integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN value IS NULL OR (length(value) BETWEEN 1 AND max_length AND value !~ '[[:cntrl:]]' AND value = btrim(value));
END
$$;

CREATE OR REPLACE FUNCTION pykala.is_clean_text(value text, max_length integer) RETURNS boolean
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    RETURN value IS NULL OR (length(value) BETWEEN 1 AND max_length AND value !~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]');
END
$$;

RESET ROLE;

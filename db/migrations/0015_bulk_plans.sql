-- 0015 bulk plans: pykala.added() wraps jsonb_build_object, which is STABLE (a value's text
-- can depend on the session's settings). Declared IMMUTABLE, PostgreSQL would not inline it
-- and ran it as a statement of its own, 19 times for every registered decision.
SET LOCAL ROLE pykala_owner;

ALTER FUNCTION pykala.added(anyelement) STABLE;

RESET ROLE;

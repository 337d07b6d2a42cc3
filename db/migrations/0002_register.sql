-- 0002 register: organizations, bodies, people, projects, cases with diary numbers,
-- decisions with cost shares, deadlines and contacts. The group roles may read; every
-- write goes through the SECURITY DEFINER functions at the end.
SET LOCAL ROLE pykala_owner;

-- A line of plain text: no control characters, no surrounding white space.
CREATE FUNCTION pykala.is_clean_line(value text, max_length integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN value IS NULL OR (length(value) BETWEEN 1 AND max_length AND value !~ '[[:cntrl:]]' AND value = btrim(value));

-- Longer text: tabs and newlines allowed, other control characters not.
CREATE FUNCTION pykala.is_clean_text(value text, max_length integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN value IS NULL OR (length(value) BETWEEN 1 AND max_length AND value !~ '[\x01-\x08\x0B\x0C\x0E-\x1F\x7F]');

CREATE TABLE pykala.organization (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint GENERATED ALWAYS AS (id) STORED UNIQUE,
    name            text NOT NULL UNIQUE CHECK (pykala.is_clean_line(name, 200)),
    name_sv         text CHECK (pykala.is_clean_line(name_sv, 200)),
    business_id     text CHECK (business_id ~ '^[0-9]{7}-[0-9]$'),
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pykala.body (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    name            text NOT NULL CHECK (pykala.is_clean_line(name, 200)),
    name_sv         text CHECK (pykala.is_clean_line(name_sv, 200)),
    kind            text NOT NULL CHECK (kind IN ('council', 'board', 'committee', 'office-holder')),
    UNIQUE (organization_id, name)
);

CREATE TABLE pykala.person (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    name            text NOT NULL CHECK (pykala.is_clean_line(name, 200)),
    title           text CHECK (pykala.is_clean_line(title, 200)),
    phone           text CHECK (phone ~ '^[0-9 +()-]{3,40}$'),
    email           text CHECK (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    -- Officials' work contacts are public; a private person's data is left out of public outputs.
    is_private      boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX person_name_title_key ON pykala.person (organization_id, name, coalesce(title, ''));

CREATE TABLE pykala.project (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    name            text NOT NULL CHECK (pykala.is_clean_line(name, 200)),
    coordinator     text CHECK (pykala.is_clean_line(coordinator, 200)),
    period          text CHECK (pykala.is_clean_line(period, 100)),
    UNIQUE (organization_id, name)
);

-- The last running number given per organization and year: locked row, so numbers are
-- gap-free and race-free.
CREATE TABLE pykala.diary_counter (
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    year            integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    last_running    integer NOT NULL CHECK (last_running >= 0),
    PRIMARY KEY (organization_id, year)
);

CREATE TABLE pykala.case (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    diary_number    text NOT NULL CHECK (pykala.is_clean_line(diary_number, 100)),
    running         integer CHECK (running > 0),
    classification  text CHECK (classification ~ '^[0-9]+(\.[0-9]+)*$'),
    year            integer CHECK (year BETWEEN 1900 AND 2199),
    title           text CHECK (pykala.is_clean_line(title, 500)),
    created_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT session_user,
    UNIQUE (organization_id, diary_number),
    CHECK ((running IS NULL) = (year IS NULL))
);

CREATE TABLE pykala.decision (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id   bigint NOT NULL REFERENCES pykala.organization (id),
    case_id           bigint REFERENCES pykala.case (id),
    body_id           bigint NOT NULL REFERENCES pykala.body (id),
    project_id        bigint REFERENCES pykala.project (id),
    state             text NOT NULL DEFAULT 'draft' CHECK (state ~ '^[a-z_]{1,40}$'),
    version           integer NOT NULL DEFAULT 1 CHECK (version > 0),
    title             text NOT NULL CHECK (pykala.is_clean_line(title, 500)),
    description       text CHECK (pykala.is_clean_text(description, 200000)),
    proposal          text CHECK (pykala.is_clean_text(proposal, 200000)),
    decision_text     text CHECK (pykala.is_clean_text(decision_text, 200000)),
    outcome           text CHECK (outcome IN ('approved', 'approved_after_vote', 'amended', 'modified', 'rejected',
                                              'noted', 'returned', 'tabled', 'removed', 'election')),
    vote              jsonb CHECK (vote IS NULL OR jsonb_typeof(vote) = 'object'),
    disqualified      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(disqualified) = 'array'),
    earlier_handlings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(earlier_handlings) = 'array'),
    meeting_date      date CHECK (meeting_date BETWEEN '1900-01-01' AND '2199-12-31'),
    section           integer CHECK (section BETWEEN 1 AND 99999),
    total_cents       bigint CHECK (total_cents >= 0),
    publicity         text NOT NULL DEFAULT 'public' CHECK (publicity IN ('public', 'secret')),
    secrecy_basis     text CHECK (pykala.is_clean_line(secrecy_basis, 2000)),
    created_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL DEFAULT session_user,
    CHECK ((publicity = 'secret') = (secrecy_basis IS NOT NULL)),
    CHECK (section IS NULL OR meeting_date IS NOT NULL)
);
-- § numbers run per body per calendar year.
CREATE UNIQUE INDEX decision_section_key ON pykala.decision (body_id, (extract(year FROM meeting_date)), section)
    WHERE section IS NOT NULL;
CREATE INDEX decision_case_idx ON pykala.decision (case_id);
CREATE INDEX decision_organization_state_idx ON pykala.decision (organization_id, state);

CREATE TABLE pykala.cost_share (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    decision_id     bigint NOT NULL REFERENCES pykala.decision (id),
    position        integer NOT NULL CHECK (position >= 0),
    year            integer NOT NULL CHECK (year BETWEEN 1900 AND 2199),
    amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
    currency        text NOT NULL DEFAULT 'EUR' CHECK (currency = 'EUR'),
    source          text CHECK (pykala.is_clean_line(source, 200)),
    UNIQUE (decision_id, position)
);

CREATE TABLE pykala.deadline (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    decision_id     bigint NOT NULL REFERENCES pykala.decision (id),
    kind            text NOT NULL CHECK (kind IN ('reply_by', 'notify_by', 'execute_by', 'appeal_ends', 'other')),
    -- "By 20.2.2020" means the end of that day in Europe/Helsinki.
    due_date        date NOT NULL CHECK (due_date BETWEEN '1900-01-01' AND '2199-12-31'),
    text            text CHECK (pykala.is_clean_line(text, 2000)),
    done_at         timestamptz
);
CREATE INDEX deadline_due_idx ON pykala.deadline (organization_id, due_date) WHERE done_at IS NULL;

CREATE TABLE pykala.contact (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id bigint NOT NULL REFERENCES pykala.organization (id),
    decision_id     bigint NOT NULL REFERENCES pykala.decision (id),
    person_id       bigint NOT NULL REFERENCES pykala.person (id),
    position        integer NOT NULL CHECK (position >= 0),
    role            text NOT NULL CHECK (role IN ('contact_person', 'further_information', 'preparer', 'presenter')),
    UNIQUE (decision_id, position)
);

GRANT SELECT ON ALL TABLES IN SCHEMA pykala TO pykala_secretary, pykala_manager, pykala_auditor, pykala_admin;
RESET ROLE;

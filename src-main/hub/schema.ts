/**
 * The hub's schema in PostgreSQL (`kakanai_hub`), created and migrated by `kakanai hub init`.
 *
 * The hub is a database, not a service of ours: terminals insert their events and read the
 * others' with an ordinary role that may do nothing else. What a row shows: the group id, the
 * terminal id, the sequence number, the HLC (a time), the sealed size and when it was pushed.
 * Everything else — the event's type and payload, every name — is sealed with the group key.
 *
 * - `events` — append-only (a trigger refuses UPDATE and DELETE for everyone, the owner included;
 *   a DBA must drop the trigger to change a row, and the terminals then detect the change).
 * - `terminals` — per group and terminal, the highest seq pushed and when (kept by a trigger), so a
 *   terminal learns what to pull without scanning the events.
 * - `group_roles` — which database role may read and write which group (`*`: every group). Row
 *   level security on both tables reads it through `my_groups()`.
 * - Each insert notifies channel `kakanai_hub` with "group terminal seq" (ids only): the others
 *   pull at once.
 */
export const HUB_SCHEMA = 'kakanai_hub';
export const HUB_CHANNEL = 'kakanai_hub';
export const HUB_SCHEMA_VERSION = 1;

/** Version 1, idempotent (every statement may run again on a hub that has it). */
export const MIGRATION_1 = `
CREATE SCHEMA IF NOT EXISTS kakanai_hub;
CREATE TABLE IF NOT EXISTS kakanai_hub.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS kakanai_hub.group_roles (
  role_name name NOT NULL,
  group_id text NOT NULL,
  PRIMARY KEY (role_name, group_id)
);
CREATE TABLE IF NOT EXISTS kakanai_hub.events (
  group_id text NOT NULL,
  terminal_id text NOT NULL CHECK (terminal_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$'),
  seq bigint NOT NULL CHECK (seq > 0),
  hlc text NOT NULL CHECK (length(hlc) <= 64),
  sealed bytea NOT NULL CHECK (length(sealed) <= 65536),
  size integer NOT NULL,
  pushed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (group_id, terminal_id, seq)
);
CREATE TABLE IF NOT EXISTS kakanai_hub.terminals (
  group_id text NOT NULL,
  terminal_id text NOT NULL,
  head_seq bigint NOT NULL,
  last_pushed_at timestamptz NOT NULL,
  PRIMARY KEY (group_id, terminal_id)
);

CREATE OR REPLACE FUNCTION kakanai_hub.my_groups() RETURNS SETOF text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kakanai_hub, pg_temp AS
  $$ SELECT group_id FROM kakanai_hub.group_roles WHERE role_name = session_user $$;

CREATE OR REPLACE FUNCTION kakanai_hub.may(g text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = kakanai_hub, pg_temp AS
  $$ SELECT EXISTS (SELECT 1 FROM kakanai_hub.group_roles
                    WHERE role_name = session_user AND (group_id = g OR group_id = '*')) $$;

CREATE OR REPLACE FUNCTION kakanai_hub.refuse_change() RETURNS trigger LANGUAGE plpgsql AS
  $$ BEGIN RAISE EXCEPTION 'kakanai_hub.events is append-only'; END $$;
DROP TRIGGER IF EXISTS events_append_only ON kakanai_hub.events;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON kakanai_hub.events
  FOR EACH ROW EXECUTE FUNCTION kakanai_hub.refuse_change();

CREATE OR REPLACE FUNCTION kakanai_hub.after_insert() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakanai_hub, pg_temp AS $$
BEGIN
  INSERT INTO kakanai_hub.terminals AS t (group_id, terminal_id, head_seq, last_pushed_at)
    VALUES (NEW.group_id, NEW.terminal_id, NEW.seq, NEW.pushed_at)
    ON CONFLICT (group_id, terminal_id) DO UPDATE
      SET head_seq = GREATEST(t.head_seq, EXCLUDED.head_seq), last_pushed_at = EXCLUDED.last_pushed_at;
  PERFORM pg_notify('kakanai_hub', NEW.group_id || ' ' || NEW.terminal_id || ' ' || NEW.seq);
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS events_after_insert ON kakanai_hub.events;
CREATE TRIGGER events_after_insert AFTER INSERT ON kakanai_hub.events
  FOR EACH ROW EXECUTE FUNCTION kakanai_hub.after_insert();

ALTER TABLE kakanai_hub.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE kakanai_hub.terminals ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS own_group ON kakanai_hub.events;
CREATE POLICY own_group ON kakanai_hub.events FOR ALL USING (kakanai_hub.may(group_id))
  WITH CHECK (kakanai_hub.may(group_id));
DROP POLICY IF EXISTS own_group ON kakanai_hub.terminals;
CREATE POLICY own_group ON kakanai_hub.terminals FOR SELECT USING (kakanai_hub.may(group_id));

INSERT INTO kakanai_hub.meta (key, value) VALUES ('schema_version', '1')
  ON CONFLICT (key) DO NOTHING;
`;

/** What the terminals' role may do: read and insert events of its groups, read the heads. */
export function grantsFor(role: string): string {
  return `
GRANT USAGE ON SCHEMA kakanai_hub TO ${role};
GRANT SELECT, INSERT ON kakanai_hub.events TO ${role};
GRANT SELECT ON kakanai_hub.terminals TO ${role};
GRANT EXECUTE ON FUNCTION kakanai_hub.may(text), kakanai_hub.my_groups() TO ${role};
`;
}

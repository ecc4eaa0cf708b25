-- Orders, the journal of their payment calls, and the notification inbox.
-- Portable SQL: the same file runs on SQLite and PostgreSQL.

CREATE TABLE orders (
    reference TEXT PRIMARY KEY,
    checkout_session_id TEXT NOT NULL UNIQUE,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    charge_permission_id TEXT,
    charge_id TEXT,
    charge_state TEXT,
    updated_at BIGINT NOT NULL
);

-- One row per payment call: committed as 'pending' with its key and body before the call,
-- 'done' (with the answer) or 'failed' (with the reason code) after it.
CREATE TABLE steps (
    reference TEXT NOT NULL,
    step TEXT NOT NULL,
    operation TEXT NOT NULL,
    target TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request TEXT NOT NULL,
    state TEXT NOT NULL,
    answer TEXT,
    lease_until BIGINT NOT NULL,
    PRIMARY KEY (reference, step)
);

CREATE INDEX steps_pending ON steps (state, lease_until);

-- Notifications, stored before the 200; a worker gets the object and marks the row done.
CREATE TABLE ipn_inbox (
    notification_id TEXT PRIMARY KEY,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    notification_type TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    state TEXT NOT NULL,
    object_state TEXT,
    lease_until BIGINT NOT NULL
);

CREATE INDEX ipn_inbox_new ON ipn_inbox (state, lease_until);

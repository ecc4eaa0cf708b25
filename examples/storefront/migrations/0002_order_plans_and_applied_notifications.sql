-- Orders the payment worker drives exist before their checkout session: the session id becomes
-- optional (still unique), and each order carries the payments asked for (refunds, a recurring
-- second charge). Rebuilt by copy because SQLite cannot drop a NOT NULL constraint; the same
-- statements run on PostgreSQL.
CREATE TABLE orders_v2 (
    reference TEXT PRIMARY KEY,
    checkout_session_id TEXT UNIQUE,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    state TEXT NOT NULL,
    charge_permission_id TEXT,
    charge_id TEXT,
    charge_state TEXT,
    refunds BIGINT NOT NULL DEFAULT 0,
    recurring BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

INSERT INTO orders_v2 (reference, checkout_session_id, amount, currency, state,
    charge_permission_id, charge_id, charge_state, updated_at)
SELECT reference, checkout_session_id, amount, currency, state,
    charge_permission_id, charge_id, charge_state, updated_at FROM orders;

DROP TABLE orders;

ALTER TABLE orders_v2 RENAME TO orders;

CREATE INDEX orders_state ON orders (state);

-- How many times a notification was applied to the orders: 1 once done, never more.
ALTER TABLE ipn_inbox ADD COLUMN applied BIGINT NOT NULL DEFAULT 0;

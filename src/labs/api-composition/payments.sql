-- The payment service's own database (SQLite: another team, another stack). One payment per order.
CREATE TABLE payments (
  order_id   TEXT PRIMARY KEY,
  status     TEXT NOT NULL CHECK (status IN ('paid', 'pending', 'failed', 'refunded')),
  version    INTEGER NOT NULL,
  changed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX payments_by_status ON payments (status, order_id);

-- Every change to a payment, written by the triggers below in the same transaction: the read model's feed.
CREATE TABLE outbox (
  position     INTEGER PRIMARY KEY,
  key          TEXT NOT NULL,
  version      INTEGER NOT NULL,
  row          TEXT NOT NULL,
  committed_at INTEGER NOT NULL
);
CREATE TRIGGER payment_inserted AFTER INSERT ON payments BEGIN
  INSERT INTO outbox (key, version, row, committed_at)
  VALUES (new.order_id, new.version, json_object('order_id', new.order_id, 'status', new.status, 'version', new.version), new.changed_at);
END;
CREATE TRIGGER payment_updated AFTER UPDATE ON payments BEGIN
  INSERT INTO outbox (key, version, row, committed_at)
  VALUES (new.order_id, new.version, json_object('order_id', new.order_id, 'status', new.status, 'version', new.version), new.changed_at);
END;

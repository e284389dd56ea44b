-- A small, fixed data set: enough rows for joins and counts to mean something, few enough to read.

INSERT INTO zip_codes VALUES
  ('10115', 'Berlin', 'BE'), ('20095', 'Hamburg', 'HH'), ('50667', 'Cologne', 'NW'),
  ('60311', 'Frankfurt', 'HE'), ('80331', 'Munich', 'BY'), ('01067', 'Dresden', 'SN');

INSERT INTO customers (id, name, email, zip, plan) VALUES
  (1, 'Ada Brandt', 'ada@example.org', '10115', 'premium'),
  (2, 'Ben Okafor', 'ben@example.org', '20095', 'basic'),
  (3, 'Chloé Martin', 'chloe@example.org', '50667', 'premium'),
  (4, 'Dev Patel', 'dev@example.org', '60311', 'basic'),
  (5, 'Eva Novak', 'eva@example.org', '80331', 'basic'),
  (6, 'Farid Haddad', 'farid@example.org', '01067', 'premium');

INSERT INTO experts VALUES
  (1, 'Grete Sommer', 'printers', '10115'),
  (2, 'Hugo Lind', 'networks', '50667'),
  (3, 'Ines Roth', 'laptops', '80331'),
  (4, 'Jonas Weber', 'networks', '20095');

-- The trigger raises customers.open_tickets as these rows arrive.
INSERT INTO tickets (id, customer_id, description, priority, status, expert_id) VALUES
  (101, 1, 'Printer jams on every page', 'normal', 'assigned', 1),
  (102, 1, 'VPN drops after ten minutes', 'high', 'open', NULL),
  (103, 2, 'Laptop will not wake from sleep', 'normal', 'assigned', 3),
  (104, 3, 'Wi-Fi slow in the meeting room', 'low', 'open', NULL),
  (105, 4, 'Docking station shows no picture', 'normal', 'closed', 3),
  (106, 5, 'Router reboots at night', 'high', 'assigned', 2),
  (107, 6, 'Scanner driver missing', 'low', 'closed', 1),
  (108, 3, 'Laptop battery swells', 'high', 'assigned', 3);

INSERT INTO assignments VALUES
  (101, 1, '2026-01-05 14:00+00'), (103, 3, '2026-01-06 10:00+00'), (105, 3, '2026-01-04 09:30+00'),
  (106, 2, '2026-01-05 16:00+00'), (107, 1, '2026-01-03 11:00+00'), (108, 3, '2026-01-06 15:00+00');

INSERT INTO surveys VALUES
  (1, 105, 4, 5, 'Fixed in one visit'),
  (2, 107, 6, 3, 'Took two days');

INSERT INTO invoices VALUES
  (1, 1, '2026-01', 49.00, true), (2, 3, '2026-01', 49.00, false),
  (3, 6, '2026-01', 49.00, true), (4, 2, '2026-01', 19.00, true),
  (5, 4, '2026-01', 19.00, false), (6, 5, '2026-01', 19.00, true);

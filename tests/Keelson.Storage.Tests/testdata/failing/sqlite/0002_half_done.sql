-- The first statement works, the second fails: neither may remain.
CREATE TABLE gadgets (id BIGINT PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);

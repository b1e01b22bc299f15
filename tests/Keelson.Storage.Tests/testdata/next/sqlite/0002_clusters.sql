-- What the next capability's first migration looks like: one new numbered file per dialect.
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    registered_by BIGINT NOT NULL REFERENCES users (id)
);

-- Moves data as well as schema, the way a real upgrade does.
CREATE TABLE widget_labels (
    widget_id BIGINT NOT NULL REFERENCES widgets (id),
    label TEXT NOT NULL
);
INSERT INTO widget_labels (widget_id, label) SELECT id, name || '/' || colour FROM widgets;

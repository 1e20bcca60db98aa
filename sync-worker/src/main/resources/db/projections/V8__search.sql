-- Conversation search (GET /api/v1/phone-numbers/{id}/conversations?q=): the words of text messages, PostgreSQL full
-- text with the 'simple' configuration (no stemming: customers write in any language). The expression is the one
-- the search query uses, so the planner takes this index.
CREATE INDEX messages_text_search ON messages
    USING gin (to_tsvector('simple', coalesce(content_json::jsonb ->> 'body', '')))
    WHERE type = 'text';

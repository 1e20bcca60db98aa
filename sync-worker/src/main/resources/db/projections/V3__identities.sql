-- Who a user is (issue 15, facts §2.0). Since April 2026 Meta names a user by a phone (wa_id, from, recipient_id),
-- a business-scoped user id (BSUID: user_id, from_user_id, recipient_user_id, e.g. US.13491208655302741918), or
-- both; a user with a username may come with the BSUID alone, and the same person by phone on another day. Every
-- such name is an identity; a webhook that carries two names of one user links them; a person is a connected set
-- of identities. The rows are a function of the SET of links and identities seen, never of their order: a rebuild
-- gives the same persons.

-- Links, stored in both directions so that a walk follows one index. Never removed.
CREATE TABLE identity_links (
	phone_number_id text NOT NULL,
	identity_a text NOT NULL,
	identity_b text NOT NULL,
	PRIMARY KEY (phone_number_id, identity_a, identity_b)
);

-- Every identity a message, echo, status or command named, with its person: the canonical identity of its
-- connected set (the smallest phone if the set has one, else the smallest BSUID). A conversation is keyed by the
-- person (conversations.contact_wa_id), so its id stays <phone_number_id>:<phone> for users known by phone.
CREATE TABLE identities (
	phone_number_id text NOT NULL,
	identity text NOT NULL,
	person text NOT NULL,
	PRIMARY KEY (phone_number_id, identity)
);
CREATE INDEX identities_by_person ON identities (phone_number_id, person, identity);

-- The profile register carries the BSUID fields Meta sent with the name.
ALTER TABLE contacts ADD COLUMN user_id text;
ALTER TABLE contacts ADD COLUMN parent_user_id text;
ALTER TABLE contacts ADD COLUMN username text;

-- The second wall, as V2 for every other projection table.
SELECT protect_projection('identity_links');
SELECT protect_projection('identities');

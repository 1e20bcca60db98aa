-- Who wrote a group message (issue 15): the member's identity (phone, else BSUID). A group's conversation is the
-- group's, so its messages name their author here; part of the envelope register, like the contact. Null for a
-- one-to-one message, whose author is the conversation's person.
ALTER TABLE messages ADD COLUMN author text;

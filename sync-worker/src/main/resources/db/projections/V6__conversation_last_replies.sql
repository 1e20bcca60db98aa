-- When the business last answered, by who: an agent through the API (sender agent) or a person in the WhatsApp
-- Business app (an echo, or history the app sent). A helpdesk shows "waiting for an agent" from these (issue 17).
-- Recomputed with the rest of the conversation; a rebuild fills them for every past message.
ALTER TABLE conversations ADD COLUMN last_agent_message_at timestamptz;
ALTER TABLE conversations ADD COLUMN last_business_app_message_at timestamptz;

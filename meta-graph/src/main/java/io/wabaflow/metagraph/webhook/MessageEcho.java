package io.wabaflow.metagraph.webhook;

import java.time.Instant;

/**
 * A message the business sent from the WhatsApp Business app (or a companion device) after onboarding.
 * It does not open or extend the customer service window.
 *
 * @param from        the business's display number
 * @param to          the user as the business typed it (may differ from the user's wa_id); absent for a username
 *                    user whose phone Meta leaves out
 * @param toUserId    the user's business-scoped user id ({@code to_user_id}), when Meta gives it (facts §2.0: every
 *                    webhook that would carry the phone carries the BSUID too; its name here is UNCONFIRMED)
 * @param groupId     the group chat, null for a one-to-one chat
 * @param contentJson the object under the message's type as received, null if absent
 * @param contextJson {@code context} as received, null if none
 */
public record MessageEcho(String id, String from, String to, String toUserId, String groupId, Instant timestamp,
		String type,
		MessageContent content, String contentJson, String contextJson, String rawJson) {
}

package io.wabaflow.sync.messages;

/**
 * A message as one webhook tells it: inbound ({@code messages}), sent from the business app
 * ({@code smb_message_echoes}) or from before onboarding ({@code history}, including the media
 * follow-up that completes a {@code media_placeholder}).
 *
 * @param envelopeRank who the message is between and when: live 3 > history thread 2 > media follow-up 1
 * @param bodyRank     what the message says: live 3 > history 2 > media placeholder 1
 * @param key          a hash of the message's JSON: the tie-break between two versions of equal rank, so
 *                     the same message in differently batched deliveries converges
 * @param author       who wrote a group message (the member's identity), null otherwise
 * @param rawJson      the message object exactly as received, unknown fields and types included
 */
public record MessageFact(
		String phoneNumberId,
		String wamid,
		String contactWaId,
		String direction,
		String origin,
		String sender,
		Long sentAtMs,
		boolean group,
		String author,
		int envelopeRank,
		String type,
		String contentJson,
		String contextJson,
		String rawJson,
		int bodyRank,
		String key,
		String historyStatus,
		Integer historyPhase) {

	public static final String INBOUND = "inbound";

	public static final String OUTBOUND = "outbound";

	/** Origins: live webhook, the sender worker (Cloud API), the business app (echo), history sync. */
	public static final String ORIGIN_CLOUD_API = "cloud_api";

	public static final String ORIGIN_API = "api";

	public static final String ORIGIN_BUSINESS_APP = "business_app";

	public static final String ORIGIN_HISTORY = "history";

	public static final int RANK_LIVE = 3;

	public static final int RANK_HISTORY = 2;

	public static final int RANK_HISTORY_FOLLOW_UP = 1;

	public static final int RANK_PLACEHOLDER = 1;
}

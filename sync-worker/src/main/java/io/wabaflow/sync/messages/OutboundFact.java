package io.wabaflow.sync.messages;

/**
 * One {@code MessageEvent} of the sender about an outbound message, keyed by its command id (ACCEPTED
 * has no wamid yet; SENT brings it).
 *
 * @param stateRank ACCEPTED 1 < FAILED/REJECTED 2 < SENT 3; UNKNOWN 0
 */
public record OutboundFact(
		String phoneNumberId,
		String commandId,
		String wamid,
		String contactWaId,
		String sender,
		String type,
		String contentJson,
		String contextJson,
		long occurredAtMs,
		String state,
		int stateRank,
		String eventId,
		Integer errorCode,
		String errorTitle,
		String errorDetails,
		String reason) {

	public static int rank(String state) {
		return switch (state) {
			case "ACCEPTED" -> 1;
			case "FAILED", "REJECTED" -> 2;
			case "SENT" -> 3;
			default -> 0;
		};
	}
}

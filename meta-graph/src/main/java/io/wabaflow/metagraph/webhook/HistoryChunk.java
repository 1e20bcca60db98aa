package io.wabaflow.metagraph.webhook;

import java.util.List;

/**
 * One {@code history[]} element: a chunk of the Business app's chat history. Chunks arrive in any order:
 * sort by {@link #chunkOrder()}.
 *
 * @param phase    0 (day 0-1), 1 (day 1-90), 2 (day 90-180); null if absent (e.g. on the declined error)
 * @param progress 0-100; 100 means the synchronization is complete
 * @param errors   e.g. 2593109 when the business declined to share its history
 */
public record HistoryChunk(Integer phase, Integer chunkOrder, Integer progress, List<HistoryThread> threads,
		List<WebhookError> errors) {

	/** Meta's code for "History sync is turned off by the business". */
	public static final int DECLINED_ERROR_CODE = 2593109;

	public boolean declined() {
		return errors.stream().anyMatch(error -> error.code() != null && error.code() == DECLINED_ERROR_CODE);
	}

	public boolean complete() {
		return progress != null && progress == 100;
	}

	/** One chat: {@code id} is the user's number. */
	public record HistoryThread(String id, List<HistoryMessage> messages) {
	}

	/**
	 * A message of the history. It went business→user when {@code message.from()} is the business's
	 * display number (then {@code message.to()} is set), else user→business.
	 *
	 * @param status {@code history_context.status}: DELIVERED, ERROR, PENDING, PLAYED, READ, SENT
	 */
	public record HistoryMessage(InboundMessage message, String status) {
	}
}

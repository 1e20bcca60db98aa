package io.wabaflow.sync.history;

/** An error in a {@code history} webhook; 2593109 means the business declined to share its history. */
public record HistoryErrorFact(String phoneNumberId, int code, String title, String message, String details,
		long receivedAtMs) {

	public static final int DECLINED = 2593109;
}

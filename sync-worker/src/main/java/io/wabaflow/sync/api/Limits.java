package io.wabaflow.sync.api;

/** Page sizes: 50 unless asked, at most 200. */
final class Limits {

	static final int DEFAULT = 50;

	static final int MAX = 200;

	private Limits() {
	}

	static int of(Integer requested) {
		if (requested == null) {
			return DEFAULT;
		}
		if (requested < 1 || requested > MAX) {
			throw new BadRequestException("limit must be between 1 and " + MAX);
		}
		return requested;
	}
}

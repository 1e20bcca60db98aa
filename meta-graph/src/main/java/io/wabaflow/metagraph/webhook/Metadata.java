package io.wabaflow.metagraph.webhook;

/** {@code value.metadata}: the business number a change is about. Members may be null. */
public record Metadata(String displayPhoneNumber, String phoneNumberId) {

	static final Metadata NONE = new Metadata(null, null);
}

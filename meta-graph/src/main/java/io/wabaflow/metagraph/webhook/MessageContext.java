package io.wabaflow.metagraph.webhook;

/**
 * {@code messages[].context}: what a message replies to or that it was forwarded.
 *
 * @param from                the business number replied to (for replies to interactive messages)
 * @param messageId           the wamid replied to
 * @param frequentlyForwarded forwarded more than 5 times
 */
public record MessageContext(String from, String messageId, boolean forwarded, boolean frequentlyForwarded) {
}

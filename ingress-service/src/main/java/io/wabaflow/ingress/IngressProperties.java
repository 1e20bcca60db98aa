package io.wabaflow.ingress;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code wabaflow.ingress.*}. Secrets are bound here but only ever read through
 * {@link io.wabaflow.ingress.security.IngressSecrets}, which refuses to start without them.
 *
 * @param appSecrets         Meta app secrets that may sign webhooks (several: rotation, several apps)
 * @param verifyToken        the token Meta echoes in the verification handshake
 * @param webhookBodyLimit   largest webhook body accepted; Meta's maximum is 3 MB
 * @param publishTimeout     how long a request waits for the broker's acknowledgement before answering 503
 * @param maxPreferWait      the longest {@code Prefer: wait=N} honoured
 * @param outcomeWindow      how long command outcomes are remembered (status URL, late {@code Prefer: wait})
 * @param idempotencyWindow  how long this instance remembers an {@code Idempotency-Key} it published
 * @param idempotencyEntries how many keys it remembers at most
 */
@ConfigurationProperties("wabaflow.ingress")
public record IngressProperties(
		@DefaultValue List<String> appSecrets,
		@DefaultValue("") String verifyToken,
		@DefaultValue("3MB") DataSize webhookBodyLimit,
		@DefaultValue("5s") Duration publishTimeout,
		@DefaultValue("30s") Duration maxPreferWait,
		@DefaultValue("1h") Duration outcomeWindow,
		@DefaultValue("24h") Duration idempotencyWindow,
		@DefaultValue("100000") long idempotencyEntries) {
}

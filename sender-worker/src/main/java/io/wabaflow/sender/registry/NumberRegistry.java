package io.wabaflow.sender.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.wabaflow.platform.crypto.TokenCipher;
import io.wabaflow.schemas.registry.NumberType;
import io.wabaflow.schemas.registry.PhoneNumberRegistration;
import io.wabaflow.sender.SenderProperties;

/**
 * The numbers the sender may send from, as the compacted {@code wabaflow.phone-numbers.v1} says (see
 * {@link RegistryFeed}). In memory only: the topic is the registry, read whole at every start.
 */
@Component
public class NumberRegistry {

	private final Map<String, RegisteredNumber> numbers = new ConcurrentHashMap<>();

	/** Decrypted tokens, kept in memory only, dropped when the registration changes. */
	private final Map<String, Credential> credentials = new ConcurrentHashMap<>();

	private final List<Consumer<String>> newWabaListeners = new CopyOnWriteArrayList<>();

	private final TokenCipher cipher;

	private final SenderProperties properties;

	NumberRegistry(TokenCipher cipher, SenderProperties properties) {
		this.cipher = cipher;
		this.properties = properties;
	}

	void register(PhoneNumberRegistration registration) {
		RegisteredNumber number = new RegisteredNumber(registration.getPhoneNumberId(), registration.getTenantId(),
				registration.getWabaId(), registration.getNumberType(), registration.getStatus(),
				bytes(registration.getEncryptedAccessToken()), registration.getThroughputMps(),
				registration.getMessagingLimit());
		boolean newlyActiveWaba = number.active() && number.wabaId() != null && !activeWabas().contains(number.wabaId());
		numbers.put(number.phoneNumberId(), number);
		credentials.remove(number.phoneNumberId());
		if (newlyActiveWaba) {
			newWabaListeners.forEach(listener -> listener.accept(number.wabaId()));
		}
	}

	/**
	 * Told (on the registry's thread: it must return at once) of each WABA that gets its first active number, e.g.
	 * so that its template catalogue is read now rather than at the next periodic look.
	 */
	public void onNewActiveWaba(Consumer<String> listener) {
		newWabaListeners.add(listener);
	}

	void remove(String phoneNumberId) {
		numbers.remove(phoneNumberId);
		credentials.remove(phoneNumberId);
	}

	public Optional<RegisteredNumber> find(String phoneNumberId) {
		return Optional.ofNullable(numbers.get(phoneNumberId));
	}

	/**
	 * The number's access token in clear, for the Authorization header of one call. The registry encrypts
	 * it bound to the phone number id (AES-GCM associated data), so a token copied onto another number
	 * does not decrypt. Never log the result.
	 */
	public String accessToken(RegisteredNumber number) {
		Credential credential = credentials.computeIfAbsent(number.phoneNumberId(),
				id -> new Credential(cipher.decrypt(number.encryptedAccessToken(), id)));
		return credential.token();
	}

	/**
	 * Messages per second for the number: a configured override, else the registry's rate, else Meta's
	 * default for its kind (20 for coexistence numbers, 80 otherwise).
	 */
	public int messagesPerSecond(RegisteredNumber number) {
		Integer override = properties.getThroughput().getOverrides().get(number.phoneNumberId());
		if (override != null && override > 0) {
			return override;
		}
		if (number.throughputMps() != null && number.throughputMps() > 0) {
			return number.throughputMps();
		}
		return number.type() == NumberType.COEXISTENCE ? properties.getThroughput().getCoexistenceMps()
				: properties.getThroughput().getDefaultMps();
	}

	/** The numbers of a WABA, active ones first (any of them carries a token that may act on the WABA). */
	public List<RegisteredNumber> inWaba(String wabaId) {
		return numbers.values().stream().filter(n -> wabaId != null && wabaId.equals(n.wabaId()))
				.sorted(Comparator.comparing((RegisteredNumber n) -> !n.active()).thenComparing(RegisteredNumber::phoneNumberId))
				.toList();
	}

	/** The WABAs that have an active number. */
	public Set<String> activeWabas() {
		return numbers.values().stream().filter(RegisteredNumber::active).map(RegisteredNumber::wabaId)
				.filter(Objects::nonNull).collect(Collectors.toSet());
	}

	public int size() {
		return numbers.size();
	}

	private static byte[] bytes(java.nio.ByteBuffer buffer) {
		java.nio.ByteBuffer copy = buffer.duplicate();
		byte[] bytes = new byte[copy.remaining()];
		copy.get(bytes);
		return bytes;
	}

	/** A token in clear; its string form never shows it. */
	private record Credential(String token) {

		@Override
		public String toString() {
			return "Credential[***]";
		}
	}
}

package io.wabaflow.sandbox.media;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;

/**
 * Short-lived download URLs, shaped like Meta's ({@code /whatsapp_business/attachments/?mid=…&ext=…&hash=…}, on
 * the sandbox's own host). {@code ext} is the expiry in epoch seconds and {@code hash} signs id and expiry, so the
 * URL needs no state and cannot be stretched. The scenario can make the next URLs handed out expired already.
 */
@Component
public class MediaUrls implements Resettable {

	static final String PATH = "/whatsapp_business/attachments/";

	enum Verdict {
		VALID, EXPIRED, FORGED
	}

	private final SandboxProperties properties;
	private final Clock clock;
	private final AtomicInteger expiredAhead = new AtomicInteger();

	MediaUrls(SandboxProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void reset() {
		expiredAhead.set(0);
	}

	/** The next {@code count} URLs handed out (by GET {media-id} or in webhooks) are expired when handed out. */
	public int expireNext(int count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative");
		}
		return expiredAhead.addAndGet(count);
	}

	/** {@code baseUrl}: scheme, host and port the caller reached the sandbox on. */
	public String mint(String mediaId, String baseUrl) {
		boolean expired = expiredAhead.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
		Instant now = clock.instant();
		long expiresAt = expired ? now.getEpochSecond() - 1 : now.plus(properties.media().urlTtl()).getEpochSecond();
		return baseUrl + PATH + "?mid=" + mediaId + "&ext=" + expiresAt + "&hash=" + sign(mediaId, expiresAt);
	}

	Verdict verify(String mediaId, String ext, String hash) {
		long expiresAt;
		try {
			expiresAt = Long.parseLong(ext);
		}
		catch (NumberFormatException | NullPointerException e) {
			return Verdict.FORGED;
		}
		if (mediaId == null || hash == null || !MessageDigest.isEqual(sign(mediaId, expiresAt)
				.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII))) {
			return Verdict.FORGED;
		}
		return clock.instant().getEpochSecond() > expiresAt ? Verdict.EXPIRED : Verdict.VALID;
	}

	private String sign(String mediaId, long expiresAt) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(properties.app().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((mediaId + ":" + expiresAt).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 18));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("every JVM has HmacSHA256", e);
		}
	}
}

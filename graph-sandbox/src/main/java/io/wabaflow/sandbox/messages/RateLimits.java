package io.wabaflow.sandbox.messages;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.Resettable;
import io.wabaflow.sandbox.runtime.SandboxProperties;
import io.wabaflow.sandbox.world.PhoneNumber;

/**
 * The two send limits of the Cloud API. Throughput: per business number, 80 mps by default, 20 for coexistence,
 * or the number's own configured rate; above it, 130429 [TP]. Pair rate: one message per 6 s to the same user,
 * bursts up to 45 borrowed against that quota; beyond it, 131056 [CAOV]. The pair burst can be changed at runtime.
 */
@Component
public class RateLimits implements Resettable {

	private final SandboxProperties properties;
	private final Clock clock;
	private final Map<String, TokenBucket> throughput = new ConcurrentHashMap<>();
	private final Map<String, TokenBucket> pairs = new ConcurrentHashMap<>();
	private volatile Integer pairBurstOverride;

	RateLimits(SandboxProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void reset() {
		throughput.clear();
		pairs.clear();
		pairBurstOverride = null;
	}

	public int mpsOf(PhoneNumber phone) {
		if (phone.throughputMps() != null) {
			return phone.throughputMps();
		}
		return phone.coexistence() ? properties.throughput().coexistenceMps() : properties.throughput().defaultMps();
	}

	boolean allowSend(PhoneNumber phone) {
		int mps = mpsOf(phone);
		TokenBucket bucket = throughput.compute(phone.id(), (id, current) -> current != null
				&& current.perSecond() == mps ? current : new TokenBucket(mps, mps, clock.instant()));
		return bucket.tryTake(clock.instant());
	}

	boolean allowPair(String phoneNumberId, String waId) {
		int burst = pairBurst();
		double perSecond = 1.0 / (properties.pairRate().refillEvery().toMillis() / 1000.0);
		TokenBucket bucket = pairs.compute(phoneNumberId + "|" + waId, (key, current) -> current != null
				&& current.capacity() == burst ? current : new TokenBucket(burst, perSecond, clock.instant()));
		return bucket.tryTake(clock.instant());
	}

	public int pairBurst() {
		Integer override = pairBurstOverride;
		return override != null ? override : properties.pairRate().burst();
	}

	public void pairBurst(Integer burst) {
		pairBurstOverride = burst;
		pairs.clear();
	}

	/** Forget consumed tokens of one number (after its rate was changed by the scenario). */
	public void forget(String phoneNumberId) {
		throughput.remove(phoneNumberId);
	}
}

package io.wabaflow.sandbox.runtime;

import java.util.List;
import java.util.Random;

/**
 * The only source of randomness: ids, wamids, tokens, trace ids, shuffles. Seeded, and re-seeded on reset, so a
 * scenario driven by the same calls in the same order produces the same ids and the same delivery order.
 */
public final class SandboxRandom {

	private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private Random random;

	public SandboxRandom(long seed) {
		this.random = new Random(seed);
	}

	public synchronized void reseed(long seed) {
		random = new Random(seed);
	}

	/** A numeric Graph id: {@code length} digits, never starting with 0. */
	public synchronized String digits(int length) {
		StringBuilder out = new StringBuilder(length);
		out.append((char) ('1' + random.nextInt(9)));
		for (int i = 1; i < length; i++) {
			out.append((char) ('0' + random.nextInt(10)));
		}
		return out.toString();
	}

	public synchronized String hex(int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(Character.forDigit(random.nextInt(16), 16));
		}
		return out.toString();
	}

	public synchronized String alphanumeric(int length) {
		StringBuilder out = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			out.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
		}
		return out.toString();
	}

	public synchronized double nextDouble() {
		return random.nextDouble();
	}

	public synchronized <T> void shuffle(List<T> list) {
		java.util.Collections.shuffle(list, random);
	}
}

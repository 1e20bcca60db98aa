package io.wabaflow.sandbox.runtime;

import java.util.List;

import org.springframework.stereotype.Component;

/** Brings the whole sandbox back to its initial state, optionally with a new seed. */
@Component
public class SandboxReset {

	private final SandboxProperties properties;
	private final SandboxRandom random;
	private final SandboxClock clock;
	private final Generation generation;
	private final List<Resettable> parts;

	SandboxReset(SandboxProperties properties, SandboxRandom random, SandboxClock clock, Generation generation,
			List<Resettable> parts) {
		this.properties = properties;
		this.random = random;
		this.clock = clock;
		this.generation = generation;
		this.parts = parts;
	}

	public synchronized void reset(Long seed) {
		generation.next();
		random.reseed(seed == null ? properties.seed() : seed);
		clock.reset();
		parts.forEach(Resettable::reset);
	}
}

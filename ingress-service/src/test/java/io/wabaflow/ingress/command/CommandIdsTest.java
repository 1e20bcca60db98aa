package io.wabaflow.ingress.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class CommandIdsTest {

	@Test
	void anIdempotencyKeyGivesTheSameCommandIdEveryTimeForTheSameCaller() {
		String id = CommandIds.fromIdempotencyKey("caller-a", "key-1");

		assertThat(CommandIds.fromIdempotencyKey("caller-a", "key-1")).isEqualTo(id);
		assertThat(CommandIds.fromIdempotencyKey("caller-b", "key-1")).isNotEqualTo(id);
		assertThat(CommandIds.fromIdempotencyKey("caller-a", "key-2")).isNotEqualTo(id);
		// the separator keeps the caller/key boundary from shifting
		assertThat(CommandIds.fromIdempotencyKey("caller-a\nkey", "1")).isNotEqualTo(CommandIds.fromIdempotencyKey("caller-a", "key\n1"));
		UUID uuid = UUID.fromString(id);
		assertThat(uuid.version()).isEqualTo(8);
		assertThat(uuid.variant()).isEqualTo(2);
	}

	@Test
	void idempotencyKeysAreShortVisibleAscii() {
		assertThat(CommandIds.validIdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324")).isTrue();
		assertThat(CommandIds.validIdempotencyKey("")).isFalse();
		assertThat(CommandIds.validIdempotencyKey("with space")).isFalse();
		assertThat(CommandIds.validIdempotencyKey("ünïcode")).isFalse();
		assertThat(CommandIds.validIdempotencyKey("k".repeat(256))).isFalse();
	}
}

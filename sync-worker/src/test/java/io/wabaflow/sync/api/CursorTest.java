package io.wabaflow.sync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class CursorTest {

	@Test
	void roundTripsToTheMicrosecond() {
		Cursor cursor = new Cursor(Instant.parse("2026-05-01T10:15:30.123456Z"), "pn-1:5511|9");

		assertThat(Cursor.decode(cursor.encode())).isEqualTo(cursor);
		assertThat(Cursor.decode(new Cursor(null, "5511").encode())).isEqualTo(new Cursor(null, "5511"));
		assertThat(Cursor.decode(null)).isNull();
	}

	@Test
	void garbageIsABadRequest() {
		assertThatThrownBy(() -> Cursor.decode("***")).isInstanceOf(BadRequestException.class);
		assertThatThrownBy(() -> Cursor.decode("bm8tYmFy")).isInstanceOf(BadRequestException.class);
	}
}

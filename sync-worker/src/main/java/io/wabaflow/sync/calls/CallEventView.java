package io.wabaflow.sync.calls;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** A call event on a conversation, newest first; {@code raw} is the event as Meta sent it. */
public record CallEventView(String callId, String event, String direction, String status, Instant at,
		Integer durationSeconds, @JsonRawValue String raw) {
}

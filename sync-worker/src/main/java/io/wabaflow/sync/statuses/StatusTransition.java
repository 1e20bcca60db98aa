package io.wabaflow.sync.statuses;

import java.time.Instant;

/** A status a message reached, when it was first reported, and for {@code failed} the error. */
public record StatusTransition(String status, Instant at, Integer errorCode, String errorTitle, String errorDetails) {
}
